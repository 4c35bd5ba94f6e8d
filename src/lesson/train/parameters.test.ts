import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../math/matrix";
import { Dense } from "../nn/dense";
import { layerParameters } from "./parameters";

test("weights, then bias, per layer; weight gradients become batch means, bias gradients stay as they are", () => {
  const layers = [new Dense(1, 2), new Dense(2, 1, { activation: false })];
  const grads = [
    { weights: Matrix.fromRows([[6, -3]]), bias: Matrix.fromRows([[1, 2]]) },
    { weights: Matrix.fromRows([[3], [9]]), bias: Matrix.fromRows([[5]]) },
  ];
  const params = layerParameters(layers, grads, 3);
  assert.deepEqual(params.map((p) => [p.value, p.decay]), [[layers[0]!.weights, true], [layers[0]!.bias, false], [layers[1]!.weights, true], [layers[1]!.bias, false]]);
  assert.deepEqual(params.map((p) => p.grad.toArray()), [[[2, -1]], [[1, 2]], [[1], [3]], [[5]]]);
  assert.throws(() => layerParameters(layers, grads.slice(1), 3), /1 gradient sets for 2 layers/);
});
