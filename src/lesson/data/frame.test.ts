import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHousePrices } from "./house-prices";
import { splitFrame } from "./frame";

const data = loadHousePrices();

test("a split as a DataFrame: predictors and target by date", () => {
  const frame = splitFrame(data, "valid");
  assert.deepEqual(frame.shape, [108, 8]);
  assert.deepEqual(frame.columns, [...data.predictors, "target"]);
  assert.equal(frame.index[0], data.dates[505]);
  const values = frame.values as number[][];
  // float32 storage: equal to the float64 matrix to float32 precision
  assert.ok(Math.abs(values[0]![0]! - data.valid.x.get(0, 0)) < 1e-6);
  assert.equal(values[107]![7], data.valid.y.get(107, 0));
});

test("the train split starts at the first row", () => {
  const frame = splitFrame(data);
  assert.equal(frame.shape[0], 505);
  assert.equal(frame.index[0], "2008-02-02");
});
