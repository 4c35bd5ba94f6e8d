import { test } from "node:test";
import assert from "node:assert/strict";
import { SGD } from "../optim/sgd";
import { rosenbrock, walkSurface } from "./rosenbrock";

test("Rosenbrock: zero loss and gradient at (a, a^2); the gradient matches finite differences", () => {
  const f = rosenbrock(1, 100);
  assert.equal(f.loss(1, 1), 0);
  assert.ok(f.gradient(1, 1).every((g) => g === 0));
  const [x, y, h] = [-1.2, 0.7, 1e-6];
  const [gx, gy] = f.gradient(x, y);
  assert.ok(Math.abs(gx - (f.loss(x + h, y) - f.loss(x - h, y)) / (2 * h)) < 1e-4);
  assert.ok(Math.abs(gy - (f.loss(x, y + h) - f.loss(x, y - h)) / (2 * h)) < 1e-4);
});

test("walkSurface: one SGD step is p - lr * gradient; the path starts at the start", () => {
  const f = rosenbrock(1, 100);
  const path = walkSurface(f, new SGD({ lr: 1e-3 }), [-1.5, 2], 3);
  assert.equal(path.length, 4);
  assert.deepEqual(path[0], [-1.5, 2]);
  const [gx, gy] = f.gradient(-1.5, 2);
  assert.ok(Math.abs(path[1]![0] - (-1.5 - 1e-3 * gx)) < 1e-12);
  assert.ok(Math.abs(path[1]![1] - (2 - 1e-3 * gy)) < 1e-12);
});

test("walkSurface stops when the loss overflows", () => {
  const path = walkSurface(rosenbrock(1, 100), new SGD({ lr: 1 }), [-1.5, 2], 50);
  assert.ok(path.length < 51);
  assert.ok(path.every(([x, y]) => Number.isFinite(rosenbrock(1, 100).loss(x, y))));
});
