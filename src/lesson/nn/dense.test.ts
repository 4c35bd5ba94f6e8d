import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../math/matrix";
import { Dense } from "./dense";

test("weights start where numpy's do: seed 0, uniform in +-sqrt(1/in); bias 1", () => {
  const layer = new Dense(7, 25);
  // np.random.seed(0); w = np.random.rand(7, 25) * (2 * sqrt(1/7)) - sqrt(1/7)
  assert.deepEqual(Array.from(layer.weights.data.slice(0, 3)), [0.0368995405752503, 0.1626678709162821, 0.07768181056313583]);
  assert.equal(layer.weights.get(6, 24), 0.22201459534701562);
  assert.ok(layer.bias.data.every((v) => v === 1));
  assert.equal(String(layer), "Dense(7 -> 25, relu)");
});

test("forward computes relu(x @ W + b); the output layer has no relu", () => {
  const hidden = new Dense(2, 2);
  hidden.weights.data.set([1, -1, 2, -2]);
  const x = Matrix.fromRows([[1, 1], [0, 0.5]]);
  assert.deepEqual(hidden.forward(x).toArray(), [[4, 0], [2, 0]]);
  const out = new Dense(2, 1, { activation: false });
  out.weights.data.set([1, -1]);
  assert.deepEqual(out.forward(x).toArray(), [[1], [0.5]]);
});

test("backward sums weight gradients over the batch, averages the bias gradient, masks by relu", () => {
  const layer = new Dense(2, 2);
  layer.weights.data.set([1, -1, 2, -2]);
  const x = Matrix.fromRows([[1, 1], [0, 0.5]]);
  layer.forward(x); // outputs [[4, 0], [2, 0]]: the second unit is off for both rows
  const { params, grad } = layer.backward(Matrix.fromRows([[1, 1], [3, 1]]));
  // masked grad [[1, 0], [3, 0]]; W grad = x^T @ masked; b grad = column means
  assert.deepEqual(params.weights.toArray(), [[1, 0], [2.5, 0]]);
  assert.deepEqual(params.bias.toArray(), [[2, 0]]);
  // input grad = masked @ W^T
  assert.deepEqual(grad!.toArray(), [[1, 2], [3, 6]]);
});

test("shape errors name the layer, the operation and both shapes", () => {
  const layer = new Dense(7, 25);
  assert.throws(() => layer.forward(Matrix.zeros(4, 6)), /Dense\(7 -> 25, relu\) forward: input @ weights: shapes \(4, 6\) and \(7, 25\)/);
  layer.forward(Matrix.zeros(4, 7));
  assert.throws(() => layer.backward(Matrix.zeros(3, 25)), /backward: grad vs output: shapes \(3, 25\) and \(4, 25\)/);
  assert.throws(() => new Dense(0, 3), /inputSize must be a positive integer, got 0/);
  assert.throws(() => new Dense(3, 3).backward(Matrix.zeros(1, 3)), /call forward first/);
});

test("update adds deltas to the parameters", () => {
  const layer = new Dense(1, 2);
  const before = layer.weights.clone();
  layer.update(Matrix.filled(1, 2, 0.5), Matrix.filled(1, 2, -1));
  assert.deepEqual(layer.weights.toArray(), before.add(0.5).toArray());
  assert.deepEqual(layer.bias.toArray(), [[0, 0]]);
});
