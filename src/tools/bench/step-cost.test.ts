import { test } from "node:test";
import assert from "node:assert/strict";
import type { RowResult } from "./report";
import { stepCost } from "./step-cost";

const row = (batchSize: number, steadyEpochSeconds: number) =>
  ({ contender: "src", batchSize, trainRows: 512, steadyEpochSeconds }) as RowResult;

test("stepCost solves t(bs) = fixed + bs * perRow from two batch sizes", () => {
  // 2 us + 0.5 us/row: batch size 4 takes 4 us a step, 128 steps -> 512 us an epoch;
  // batch size 32 takes 18 us a step, 16 steps -> 288 us an epoch.
  const cost = stepCost(row(4, 512e-6), row(32, 288e-6));
  assert.deepEqual(cost.batchSizes, [4, 32]);
  assert.ok(Math.abs(cost.fixedMicroseconds - 2) < 1e-9, String(cost.fixedMicroseconds));
  assert.ok(Math.abs(cost.perRowMicroseconds - 0.5) < 1e-9, String(cost.perRowMicroseconds));
});
