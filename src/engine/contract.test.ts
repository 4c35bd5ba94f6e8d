import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHousePrices } from "../lesson/data/house-prices";
import { Dense } from "../lesson/nn/dense";
import { createNetwork } from "../lesson/nn/network";
import { Adam } from "../lesson/optim/adam";
import { AdamW } from "../lesson/optim/adamw";
import { SGDMomentum } from "../lesson/optim/momentum";
import type { OptimizerBase, Parameter } from "../lesson/optim/optimizer";
import { cosineSchedule, linearSchedule } from "../lesson/optim/schedule";
import { SGD } from "../lesson/optim/sgd";
import { registerFastPath } from "../lesson/train/fast-path";
import { totalSteps, train } from "../lesson/train/train";
import { uncheckedEngine } from "./index";

/**
 * The engine's contract: a training run through it gives exactly the bits of the lesson's
 * TypeScript (losses, parameters, optimizer state), for every library optimizer and for
 * batch sizes that are and are not powers of two, short last batch included. It holds the
 * engine without its source check: `npm run verify-engine` runs these tests, then records the
 * source they passed on as the one the checked engine trusts.
 */
const data = loadHousePrices();
const rows = data.train.x.rows;
const epochs = 3;

const optimizers: [string, (batchSize: number) => OptimizerBase][] = [
  ["SGD, cosine schedule", (b) => new SGD({ lr: cosineSchedule({ lr: 1e-3, warmupSteps: 10, totalSteps: totalSteps(rows, b, epochs) }) })],
  ["momentum", () => new SGDMomentum({ lr: 1e-4, momentum: 0.7 })],
  ["Adam, linear schedule", (b) => new Adam({ lr: linearSchedule({ lr: 1e-2, warmupSteps: 0, totalSteps: totalSteps(rows, b, epochs) }), beta1: 0.8 })],
  ["AdamW", () => new AdamW({ lr: 1e-3, weightDecay: 0.1 })],
];

function run(useEngine: boolean, optimizer: OptimizerBase, batchSize: number) {
  registerFastPath(useEngine ? uncheckedEngine : null);
  try {
    const layers = createNetwork();
    const result = train({ layers, optimizer, train: data.train, valid: data.valid, batchSize, epochs });
    const state = optimizer instanceof SGDMomentum ? optimizer.velocities : optimizer instanceof Adam ? optimizer.moments.flatMap((s) => [s.m, s.v]) : [];
    assert.equal(result.path, useEngine ? "engine" : "typescript", result.pathReason);
    return {
      losses: result.epochs.map((e) => [e.train_loss, e.valid_loss]),
      steps: [result.steps, optimizer.stepCount],
      params: layers.flatMap((l) => [...l.weights.data, ...l.bias.data]),
      state: state.map((m) => Array.from(m.data)),
    };
  } finally {
    registerFastPath(null);
  }
}

for (const [name, make] of optimizers) {
  for (const batchSize of [4, 7, 32, 100]) {
    test(`${name}, batch size ${batchSize}: the engine gives the lesson's bits`, () => {
      const lesson = run(false, make(batchSize), batchSize);
      const fast = run(true, make(batchSize), batchSize);
      assert.deepEqual(fast, lesson);
      assert.equal(lesson.steps[0], totalSteps(rows, batchSize, epochs));
    });
  }
}

test("a second run with the same optimizer continues from the state the engine wrote back", () => {
  const continued = (useEngine: boolean) => {
    const adam = new AdamW({ lr: 1e-3 });
    run(useEngine, adam, 32);
    return run(useEngine, adam, 32);
  };
  assert.deepEqual(continued(true), continued(false));
});

test("the engine declines runs it might compute differently: subclasses and a notebook's own optimizer", () => {
  const setup = { train: data.train, valid: data.valid, batchSize: 4 };
  class NoisySGD extends SGD {}
  class LoudDense extends Dense {}
  const notebookSGD = { step(params: readonly Parameter[]) { for (const p of params) p.value.addInPlace(p.grad.mul(-1e-4)); } };
  const declined = (run: Parameters<typeof uncheckedEngine.prepare>[0]) => {
    const prepared = uncheckedEngine.prepare(run);
    return "declined" in prepared ? prepared.declined : null;
  };
  const notOurs = "the optimizer is not exactly one of the library's (SGD, SGDMomentum, Adam, AdamW)";
  assert.equal(declined({ ...setup, layers: createNetwork(), optimizer: new SGD({ lr: 1e-4 }) }), null);
  assert.equal(declined({ ...setup, layers: createNetwork(), optimizer: new NoisySGD({ lr: 1e-4 }) }), notOurs);
  assert.equal(declined({ ...setup, layers: createNetwork(), optimizer: notebookSGD }), notOurs);
  assert.equal(declined({ ...setup, layers: [new LoudDense(7, 1)], optimizer: new SGD({ lr: 1e-4 }) }), "a layer is not the library's Dense");
});
