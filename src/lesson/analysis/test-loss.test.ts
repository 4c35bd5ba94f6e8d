import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHousePrices } from "../data/house-prices";
import { runConfig } from "../train/config";
import { testLoss } from "./test-loss";

test("testLoss measures the trained layers on the test rows, not the validation rows", () => {
  const data = loadHousePrices();
  const run = runConfig({ epochs: 3 }, { data });
  const onValid = testLoss(run.layers, { test: data.valid });
  assert.equal(onValid, run.epochs[2]!.valid_loss, "on the validation rows it is the run's last validation loss");
  const onTest = testLoss(run.layers, data);
  assert.ok(Number.isFinite(onTest) && onTest !== onValid);
  assert.equal(data.test.x.rows, 109);
});
