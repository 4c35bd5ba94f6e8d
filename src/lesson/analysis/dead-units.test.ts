import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../math/matrix";
import { Dense } from "../nn/dense";
import { deadUnits } from "./dead-units";

test("deadUnits counts the ReLU units that output 0 on every row, layer by layer", () => {
  const hidden = new Dense(1, 3);
  hidden.weights.data.set([1, -1, 0]);
  hidden.bias.data.set([0, 0, -1]); // unit 0 fires for x > 0, unit 1 for x < 0, unit 2 never
  const out = new Dense(3, 1, { activation: false });
  const both = Matrix.fromRows([[2], [-2]]);
  const positive = Matrix.fromRows([[1], [3]]);
  assert.deepEqual(deadUnits([hidden, out], both), [{ layer: 0, units: 3, dead: 1 }]);
  assert.deepEqual(deadUnits([hidden, out], positive), [{ layer: 0, units: 3, dead: 2 }]);
});

test("a dead first layer leaves the next ReLU layer's units constant: dead or firing for every row alike", () => {
  const first = new Dense(2, 2);
  first.weights.data.set([0, 0, 0, 0]);
  first.bias.data.set([-1, -1]);
  const second = new Dense(2, 2);
  second.bias.data.set([0.5, -0.5]);
  const x = Matrix.fromRows([[1, 2], [3, -4], [0, 1]]);
  assert.deepEqual(deadUnits([first, second], x), [{ layer: 0, units: 2, dead: 2 }, { layer: 1, units: 2, dead: 1 }]);
});
