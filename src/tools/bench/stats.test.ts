import { test } from "node:test";
import assert from "node:assert/strict";
import { median, relativeDifference, warmupSeconds } from "./stats";

test("median: the middle of an odd count, the mean of the two middle ones for an even count", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
});

test("median does not reorder its input", () => {
  const samples = [3, 1, 2];
  median(samples);
  assert.deepEqual(samples, [3, 1, 2]);
});

test("median sorts numerically, not as text", () => {
  assert.equal(median([10, 9, 100]), 10);
});

test("median of nothing is an error", () => {
  assert.throws(() => median([]), /median of no samples/);
});

test("relativeDifference is measured against the second argument", () => {
  assert.equal(relativeDifference(11, 10), 0.1);
  assert.equal(relativeDifference(-9, -10), 0.1);
  assert.equal(relativeDifference(0, 0), 0);
});

test("warmupSeconds: the time above epochs x the median epoch", () => {
  // epochs 0.5, 0.1, 0.1, 0.1, 0.2 s: total 1.0, median 0.1, so 0.5 s above the steady pace
  assert.ok(Math.abs(warmupSeconds([0.5, 0.1, 0.1, 0.1, 0.2]) - 0.5) < 1e-12);
  assert.equal(warmupSeconds([0.1, 0.1]), 0);
});
