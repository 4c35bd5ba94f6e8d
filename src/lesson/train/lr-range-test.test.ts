import { test } from "node:test";
import assert from "node:assert/strict";
import { SGD } from "../optim/sgd";
import { exponentialRamp, lrRangeTest } from "./lr-range-test";

test("the ramp starts at minLr, ends at maxLr and multiplies the rate by the same factor each step", () => {
  const ramp = exponentialRamp(1e-6, 1, 7);
  assert.equal(ramp(1), 1e-6);
  assert.ok(Math.abs(ramp(7) - 1) < 1e-12);
  assert.ok(Math.abs(ramp(3) / ramp(2) - 10) < 1e-9);
  assert.throws(() => exponentialRamp(1, 1e-3, 10), /need 0 < minLr < maxLr, got 1 and 0.001/);
});

test("on the house prices with SGD: flat at tiny rates, falling, then exploding; lowest after steepest", () => {
  const result = lrRangeTest({ optimizer: (lr) => new SGD({ lr }), minLr: 1e-7, maxLr: 1, steps: 200 });
  const [first, second] = result.points;
  assert.ok(Math.abs(first!.loss - second!.loss) < 0.01 * first!.loss, "tiny rates barely move the loss");
  assert.equal(result.stopped, "loss exploded");
  assert.ok(result.points.length < 200);
  assert.ok(result.lowest.loss < first!.loss / 4);
  assert.ok(result.steepest.lr <= result.lowest.lr);
  assert.ok(result.steepest.lr > 1e-4 && result.lowest.lr < 0.1, `steepest ${result.steepest.lr}, lowest ${result.lowest.lr}`);
});

test("a range that stays small reaches maxLr without exploding", () => {
  const result = lrRangeTest({ optimizer: (lr) => new SGD({ lr }), minLr: 1e-7, maxLr: 1e-5, steps: 20 });
  assert.equal(result.stopped, "reached maxLr");
  assert.equal(result.points.length, 20);
});
