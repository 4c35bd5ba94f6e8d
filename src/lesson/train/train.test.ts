import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHousePrices } from "../data/house-prices";
import { Matrix } from "../math/matrix";
import { createNetwork } from "../nn/network";
import { SGDMomentum } from "../optim/momentum";
import type { Optimizer, Parameter } from "../optim/optimizer";
import { SGD } from "../optim/sgd";
import { DivergenceError } from "./divergence-error";
import type { MetricLogger, Progress } from "./hooks";
import { batchesPerEpoch, totalSteps, train } from "./train";

const data = loadHousePrices();

class RecordingLogger implements MetricLogger {
  defined: [string, string | undefined][] = [];
  records: Record<string, number>[] = [];
  finished = 0;
  defineMetric(name: string, options?: { stepMetric?: string }) { this.defined.push([name, options?.stepMetric]); }
  log(record: Record<string, number>) { this.records.push(record); }
  finish() { this.finished++; }
}

test("logs running_loss by samples seen and epoch metrics, then finishes the run", () => {
  const logger = new RecordingLogger();
  const progress: Progress[] = [];
  const result = train({
    layers: createNetwork(), optimizer: new SGD({ lr: 1e-4 }), train: data.train, valid: data.valid,
    batchSize: 100, epochs: 2, logger, onProgress: (p) => progress.push(p),
  });
  assert.deepEqual(logger.defined.find(([n]) => n === "running_loss"), ["running_loss", "batch_step"]);
  assert.deepEqual(logger.defined.find(([n]) => n === "valid_loss"), ["valid_loss", "epoch"]);
  const steps = logger.records.filter((r) => "batch_step" in r).map((r) => r.batch_step);
  // 505 rows in batches of 100: the last batch of each epoch has 5 rows.
  assert.deepEqual(steps, [100, 200, 300, 400, 500, 505, 605, 705, 805, 905, 1005, 1010]);
  const epochRecords = logger.records.filter((r) => "epoch" in r);
  assert.equal(epochRecords.length, 2);
  // At the end of an epoch the running loss is the epoch's train loss.
  const lastRunning = logger.records.filter((r) => "running_loss" in r)[5]!.running_loss;
  assert.equal(lastRunning, result.epochs[0]!.train_loss);
  assert.equal(logger.finished, 1);
  assert.equal(result.steps, 12);
  assert.equal(progress.length, 12);
  assert.deepEqual(progress.at(-1), { ...progress.at(-1)!, epoch: 1, batch: 6, batches: 6, step: 12, totalSteps: 12 });
  assert.ok(result.epochs.every((e) => e.runtime > 0));
});

test("training lowers the loss", () => {
  const result = train({ layers: createNetwork(), optimizer: new SGD({ lr: 1e-4 }), train: data.train, valid: data.valid, batchSize: 32, epochs: 5 });
  assert.ok(result.epochs[4]!.train_loss < result.epochs[0]!.train_loss / 1.2);
});

test("a diverging run stops with the epoch and step and suggests a lower rate", () => {
  assert.throws(
    () => train({ layers: createNetwork(), optimizer: new SGD({ lr: 10 }), train: data.train, valid: data.valid, batchSize: 32, epochs: 50 }),
    (err: unknown) => err instanceof DivergenceError && /at epoch \d+, step \d+; try a lower learning rate/.test(err.message),
  );
});

test("a notebook's own optimizer is an Optimizer as it stands: no cast, same numbers as the library's", () => {
  /** Momentum written the way a chapter writes it, with Matrix operations. */
  class NotebookMomentum implements Optimizer {
    velocities: Matrix[] = [];
    constructor(readonly lr: number, readonly momentum: number) {}
    step(params: readonly Parameter[]) {
      params.forEach((p, i) => {
        const v = (this.velocities[i] ??= Matrix.zeros(p.value.rows, p.value.cols));
        this.velocities[i] = v.mul(this.momentum).sub(p.grad.mul(this.lr));
        p.value.addInPlace(this.velocities[i]!);
      });
    }
  }
  const run = (optimizer: Optimizer) => {
    const layers = createNetwork();
    const result = train({ layers, optimizer, train: data.train, valid: data.valid, batchSize: 7, epochs: 2 });
    return { losses: result.epochs.map((e) => [e.train_loss, e.valid_loss]), params: layers.flatMap((l) => [...l.weights.data, ...l.bias.data]) };
  };
  assert.deepEqual(run(new NotebookMomentum(1e-4, 0.9)), run(new SGDMomentum({ lr: 1e-4, momentum: 0.9 })));
});

test("bad settings are refused", () => {
  const base = { layers: createNetwork(), optimizer: new SGD({ lr: 1e-4 }), train: data.train, valid: data.valid, epochs: 1 };
  assert.throws(() => train({ ...base, batchSize: 0 }), /batchSize must be an integer >= 1, got 0/);
  assert.throws(() => train({ ...base, batchSize: 4, epochs: 0 }), /epochs must be an integer >= 1, got 0/);
});

test("batches per epoch counts the short last batch; total steps are epochs times that", () => {
  assert.deepEqual([1, 4, 32, 505, 600].map((b) => batchesPerEpoch(505, b)), [505, 127, 16, 1, 1]);
  assert.equal(totalSteps(505, 32, 100), 1600);
});
