import { test } from "node:test";
import assert from "node:assert/strict";
import { constantSchedule, cosineSchedule, linearSchedule, makeSchedule } from "./schedule";

const opts = { lr: 1, warmupSteps: 4, totalSteps: 12 };

test("constant", () => {
  const s = constantSchedule(0.3);
  assert.deepEqual([1, 50, 1e6].map(s), [0.3, 0.3, 0.3]);
});

test("linear: warmup lr*step/warmup, then a straight line to 0 at the last step", () => {
  const s = linearSchedule(opts);
  assert.deepEqual([1, 2, 4, 5, 8, 12].map(s), [0.25, 0.5, 1, 1 - 1 / 8, 0.5, 0]);
});

test("cosine: same warmup, then half a cosine to 0", () => {
  const s = cosineSchedule(opts);
  assert.equal(s(2), 0.5);
  assert.equal(s(4), 1);
  assert.ok(Math.abs(s(8) - 0.5) < 1e-15); // halfway through the decay
  assert.ok(Math.abs(s(12)) < 1e-15);
  assert.ok(s(6) > linearSchedule(opts)(6)); // cosine stays high longer at the start of the decay
});

test("no warmup starts at the peak", () => {
  assert.equal(linearSchedule({ lr: 2, warmupSteps: 0, totalSteps: 10 })(1), 2 - 2 * 0.1);
});

test("schedules are pure: the same step gives the same rate, in any order", () => {
  const s = cosineSchedule(opts);
  const forward = [1, 5, 9].map(s);
  assert.deepEqual([9, 5, 1].map(s).reverse(), forward);
});

test("bad settings are refused with the name and value", () => {
  assert.throws(() => linearSchedule({ lr: 1, warmupSteps: 13, totalSteps: 12 }), /warmupSteps must be an integer in \[0, totalSteps=12\], got 13/);
  assert.throws(() => cosineSchedule({ lr: -1, warmupSteps: 0, totalSteps: 12 }), /learning rate must be a finite number > 0, got -1/);
  assert.throws(() => makeSchedule("step" as never, opts), /unknown schedule "step"/);
});

test("a step past the end is refused, naming it (the decay formulas would go negative or back up)", () => {
  assert.throws(() => linearSchedule(opts)(13), /step 13 is past the last step \(12\)/);
  assert.throws(() => cosineSchedule(opts)(20), /step 20 is past the last step \(12\)/);
});
