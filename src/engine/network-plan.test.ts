import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHousePrices } from "../lesson/data/house-prices";
import { Matrix } from "../lesson/math/matrix";
import { ShapeError } from "../lesson/math/shape-error";
import { Dense } from "../lesson/nn/dense";
import { errorInto, meanSquaredError } from "../lesson/nn/loss";
import { backward, createNetwork, forward } from "../lesson/nn/network";
import { AdamW } from "../lesson/optim/adamw";
import { SGDMomentum } from "../lesson/optim/momentum";
import { SGD } from "../lesson/optim/sgd";
import { assertCloseForFma, reachesFma } from "./fma-tolerance";
import { fusedUpdate } from "./fused-update";
import { NetworkPlan } from "./network-plan";

const data = loadHousePrices();

test("one plan call per batch gives the bits of forward, error and backward layer by layer", () => {
  // Batch sizes that are and are not powers of two, the short last batch, one row.
  for (const [start, rows] of [[0, 4], [500, 5], [8, 1], [14, 7], [3, 13], [0, 32]] as const) {
    const layers = createNetwork();
    const x = data.train.x.sliceRows(start, start + rows);
    const y = data.train.y.sliceRows(start, start + rows);
    const predictions = forward(x, layers);
    const grads = backward(errorInto(predictions, y, Matrix.zeros(rows, 1)), layers);

    const plan = NetworkPlan.build(createNetwork(), 32)!;
    const loss = plan.trainBatch(plan.load(data.train.x, data.train.y), start, rows);
    assert.equal(loss, meanSquaredError(predictions, y));
    assert.deepEqual(plan.gradients(), grads, `rows ${start} to ${start + rows}`);
  }
});

test("the plan's loss is the mean squared error of forward's predictions", () => {
  const layers = createNetwork();
  const plan = NetworkPlan.build(layers, data.valid.x.rows)!;
  assert.equal(plan.loss(plan.load(data.valid.x, data.valid.y)), meanSquaredError(forward(data.valid.x, layers), data.valid.y));
  assert.throws(() => plan.loss(plan.load(data.train.x, data.train.y)), /505 rows, the plan holds 108/);
});

test("the plan trains copies; syncToLayers writes them back", () => {
  const layers = createNetwork();
  const plan = NetworkPlan.build(layers, 4)!;
  plan.parameters[0]!.values[0] = 42;
  assert.notEqual(layers[0]!.weights.data[0], 42);
  plan.syncToLayers();
  assert.equal(layers[0]!.weights.data[0], 42);
});

test("only library Dense layers get a plan; shapes are checked by name", () => {
  class LoudDense extends Dense {}
  assert.equal(NetworkPlan.build([new Dense(7, 3), new LoudDense(3, 1)], 4), null);
  assert.equal(NetworkPlan.build([], 4), null);
  assert.throws(() => NetworkPlan.build([new Dense(7, 3), new Dense(4, 1)], 4), ShapeError);
  const plan = NetworkPlan.build(createNetwork(), 4)!;
  assert.throws(() => plan.load(Matrix.zeros(3, 6), Matrix.zeros(3, 1)), /network input: \(3, 6\), but the first layer takes 7 columns/);
  assert.throws(() => plan.load(Matrix.zeros(3, 7), Matrix.zeros(2, 1)), /targets vs predictions: shapes \(2, 1\) and \(3, 1\)/);
});

test("the fused update reads the gradients without writing them, whatever the batch size", () => {
  for (const batchSize of [4, 7]) {
    for (const optimizer of [new SGD({ lr: 1e-3 }), new SGDMomentum({ lr: 1e-3, momentum: 0.9 }), new AdamW({ lr: 1e-3 })]) {
      const plan = NetworkPlan.build(createNetwork(), batchSize)!;
      plan.trainBatch(plan.load(data.train.x, data.train.y), 0, batchSize);
      const before = plan.gradients();
      fusedUpdate(optimizer, plan.parameters)!.step(batchSize);
      assert.deepEqual(plan.gradients(), before, `${optimizer.constructor.name}, batch size ${batchSize}`);
    }
  }
});

// Its 72 x 64 layer reaches panelProduct, whose sums are fused multiply-adds where relaxed SIMD
// is available: there the numbers agree to within 1e-12 (fma-tolerance.ts says why), elsewhere
// (and in fma-fallback.test.ts) bit for bit.
test("a wider network (large layers go through other tiles) gives the bits of layer-by-layer backward too, or within 1e-12 where fused", () => {
  const widths = [7, 72, 64, 1];
  const make = () => widths.slice(1).map((m, i) => new Dense(widths[i]!, m, { activation: i < widths.length - 2, seed: i + 1 }));
  for (const [start, rows] of [[0, 32], [40, 13], [7, 8], [100, 5]] as const) {
    const layers = make();
    const x = data.train.x.sliceRows(start, start + rows);
    const y = data.train.y.sliceRows(start, start + rows);
    const predictions = forward(x, layers);
    const grads = backward(errorInto(predictions, y, Matrix.zeros(rows, 1)), layers);
    const plan = NetworkPlan.build(make(), 32)!;
    const loss = plan.trainBatch(plan.load(data.train.x, data.train.y), start, rows);
    const same = reachesFma(rows, 72, 64) ? assertCloseForFma : assert.deepEqual;
    same(loss, meanSquaredError(predictions, y));
    same(plan.gradients(), grads, `rows ${start} to ${start + rows}`);
  }
});
