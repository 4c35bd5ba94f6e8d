import { test } from "node:test";
import assert from "node:assert/strict";
import { runConfig } from "./config";
import { DivergenceError } from "./divergence-error";
import { clearRunCache, configKey, runCacheStats, trainCached } from "./run-cache";

test("a config is trained once and reused, whatever the key order or the defaults written out", () => {
  clearRunCache();
  const first = trainCached({ optimizer: "sgd", lr: 1e-4, batchSize: 64, epochs: 3 });
  const again = trainCached({ epochs: 3, batchSize: 64, lr: 1e-4 });
  assert.equal(again, first);
  assert.deepEqual(runCacheStats(), { trained: 1, cached: 1 });
  assert.deepEqual(first.epochs, runConfig({ lr: 1e-4, batchSize: 64, epochs: 3 }).epochs.map((e, i) => ({ ...e, runtime: first.epochs[i]!.runtime })));
  const other = trainCached({ lr: 2e-4, batchSize: 64, epochs: 3 });
  assert.notEqual(other.epochs[2]!.train_loss, first.epochs[2]!.train_loss);
  assert.deepEqual(runCacheStats(), { trained: 2, cached: 2 });
});

test("each seed is its own run; seed 0 is the default's run", () => {
  clearRunCache();
  const seedZero = trainCached({ batchSize: 64, epochs: 2 });
  assert.equal(trainCached({ batchSize: 64, epochs: 2 }, { seed: 0 }), seedZero);
  const seedOne = trainCached({ batchSize: 64, epochs: 2 }, { seed: 1 });
  assert.notEqual(seedOne.epochs[1]!.train_loss, seedZero.epochs[1]!.train_loss);
  assert.deepEqual(seedOne.epochs.map((e) => e.train_loss), runConfig({ batchSize: 64, epochs: 2 }, { seed: 1 }).epochs.map((e) => e.train_loss));
  assert.deepEqual(runCacheStats(), { trained: 2, cached: 2 });
});

test("progress is reported only when the run actually trains", () => {
  clearRunCache();
  let calls = 0;
  trainCached({ batchSize: 256, epochs: 2 }, { onEpoch: () => calls++ });
  trainCached({ batchSize: 256, epochs: 2 }, { onEpoch: () => calls++ });
  assert.equal(calls, 2);
});

test("a diverging run is remembered and throws the same error again", () => {
  clearRunCache();
  const diverge = () => trainCached({ lr: 10, batchSize: 32, epochs: 20 });
  assert.throws(diverge, DivergenceError);
  assert.throws(diverge, DivergenceError);
  assert.equal(runCacheStats().trained, 1);
});

test("config keys ignore key order", () => {
  assert.equal(configKey({ a: 1, b: 2 }), configKey({ b: 2, a: 1 }));
  assert.notEqual(configKey({ a: 1 }), configKey({ a: 2 }));
});
