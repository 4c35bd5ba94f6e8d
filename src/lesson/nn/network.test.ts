import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHousePrices } from "../data/house-prices";
import { Matrix } from "../math/matrix";
import { NumpyRandom } from "../math/random";
import { gradientCheck } from "./gradient-check";
import { backward, createNetwork, forward, parameterCount } from "./network";
import { Dense } from "./dense";

test("the lesson's network is 7 -> 25 -> 10 -> 1 with 471 parameters", () => {
  const net = createNetwork();
  assert.deepEqual(net.map(String), ["Dense(7 -> 25, relu)", "Dense(25 -> 10, relu)", "Dense(10 -> 1)"]);
  assert.equal(parameterCount(net), 7 * 25 + 25 + 25 * 10 + 10 + 10 + 1);
});

test("backward's gradients match finite differences on real data", () => {
  const data = loadHousePrices();
  const result = gradientCheck(createNetwork(), data.train.x.sliceRows(0, 16), data.train.y.sliceRows(0, 16));
  assert.equal(result.checked, 471);
  assert.ok(result.maxRelativeError < 1e-5, JSON.stringify(result.worst));
});

test("the gradient check's difference is relative to the values, also for gradients below 1", () => {
  const data = loadHousePrices();
  const { maxRelativeError, worst } = gradientCheck(createNetwork(), data.train.x.sliceRows(0, 8), data.train.y.sliceRows(0, 8));
  const scale = Math.max(Math.abs(worst.analytic), Math.abs(worst.numeric));
  assert.ok(scale < 1, `the worst entry's gradient is ${worst.analytic}`); // where a floor of 1 would change it
  assert.equal(maxRelativeError, Math.abs(worst.analytic - worst.numeric) / scale);
});

test("the gradient check catches a wrong backward", () => {
  const net = [new Dense(3, 4, { seed: 1 }), new Dense(4, 1, { activation: false, seed: 2 })];
  const rng = new NumpyRandom(5);
  const x = new Matrix(6, 3, rng.randomArray(18));
  const y = new Matrix(6, 1, rng.randomArray(6));
  assert.ok(gradientCheck(net, x, y).maxRelativeError < 1e-6);
  // Sabotage: a backward that forgets to mask by the relu derivative.
  const layer = net[0]!;
  const original = layer.backward.bind(layer);
  layer.backward = (grad, options) => {
    const saved = layer.activation;
    (layer as { activation: boolean }).activation = false;
    try { return original(grad, options); } finally { (layer as { activation: boolean }).activation = saved; }
  };
  layer.weights.data.set(layer.weights.data.map((v) => v - 0.6)); // make some units inactive
  assert.ok(gradientCheck(net, x, y).maxRelativeError > 1e-3);
});

test("backward returns gradients in layer order", () => {
  const net = createNetwork();
  const x = Matrix.filled(3, 7, 0.1);
  const grads = backward(forward(x, net).clone(), net);
  assert.deepEqual(grads.map((g) => g.weights.shape), [[7, 25], [25, 10], [10, 1]]);
  assert.deepEqual(grads.map((g) => g.bias.shape), [[1, 25], [1, 10], [1, 1]]);
});
