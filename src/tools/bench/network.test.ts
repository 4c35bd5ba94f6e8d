import { test } from "node:test";
import assert from "node:assert/strict";
import { createNetwork } from "../../lesson/nn/network";
import { denseLayers } from "./network";

test("denseLayers([7, 25, 10, 1]) is the lesson's network, same seeded weights", () => {
  const layers = denseLayers([7, 25, 10, 1]);
  const lesson = createNetwork();
  assert.deepEqual(layers.map(String), lesson.map(String));
  layers.forEach((layer, i) => assert.deepEqual(layer.weights.data, lesson[i]!.weights.data));
});

test("denseLayers puts ReLU after every layer but the last", () => {
  assert.deepEqual(denseLayers([7, 256, 128, 1]).map((l) => l.activation), [true, true, false]);
});

test("denseLayers needs an input and an output width", () => {
  assert.throws(() => denseLayers([7]), /need at least an input and an output width, got \[7\]/);
});
