import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHousePrices } from "../lesson/data/house-prices";
import { Matrix } from "../lesson/math/matrix";
import { ShapeError } from "../lesson/math/shape-error";
import { Dense } from "../lesson/nn/dense";
import { errorInto, meanSquaredError } from "../lesson/nn/loss";
import { backward, createNetwork, forward } from "../lesson/nn/network";
import { NetworkPlan } from "./network-plan";

const data = loadHousePrices();

/** Every gradient number of the layers, in order. */
const gradientNumbers = (layers: Dense[]) => layers.flatMap((l) => [...l.grads.weights.data, ...l.grads.bias.data]);

test("one plan call per batch gives the bits of forward, error and backward layer by layer", () => {
  for (const [start, rows] of [[0, 4], [500, 5], [8, 1]] as const) {
    const byLayer = createNetwork();
    const x = data.train.x.sliceRows(start, start + rows);
    const y = data.train.y.sliceRows(start, start + rows);
    const predictions = forward(x, byLayer);
    backward(errorInto(predictions, y, Matrix.zeros(rows, 1)), byLayer);

    const planned = createNetwork();
    const plan = NetworkPlan.build(planned, 8)!;
    const loss = plan.trainBatch(plan.load(data.train.x, data.train.y), start, rows);
    assert.equal(loss, meanSquaredError(predictions, y));
    assert.deepEqual(gradientNumbers(planned), gradientNumbers(byLayer));
    assert.notDeepEqual(gradientNumbers(planned), gradientNumbers(createNetwork()), "gradients were written");
  }
});

test("the plan's loss is the mean squared error of forward's predictions", () => {
  const layers = createNetwork();
  const plan = NetworkPlan.build(layers, data.valid.x.rows)!;
  assert.equal(plan.loss(plan.load(data.valid.x, data.valid.y)), meanSquaredError(forward(data.valid.x, layers), data.valid.y));
  assert.throws(() => plan.loss(plan.load(data.train.x, data.train.y)), /505 rows, the plan holds 108/);
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
