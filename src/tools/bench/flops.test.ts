import { test } from "node:test";
import assert from "node:assert/strict";
import { matmulFlops } from "./flops";

test("matmulFlops of the lesson's network, counted by hand", () => {
  // forward per row: 2 * (7*25 + 25*10 + 10*1) = 870; weight grads the same; input grads
  // for the last two layers: 2 * (25*10 + 10*1) = 520. Train row: 870 + 870 + 520 = 2260.
  // One epoch of 505 train and 108 valid rows: 505 * 2260 + 108 * 870 = 1,235,260.
  assert.equal(matmulFlops([7, 25, 10, 1], 505, 108, 1), 1_235_260);
  assert.equal(matmulFlops([7, 25, 10, 1], 505, 108, 100), 123_526_000);
});

test("matmulFlops of one layer has no input gradient", () => {
  // 2 * 3 * 4 = 24 forward, 24 weight grad per row; 10 train rows, no validation
  assert.equal(matmulFlops([3, 4], 10, 0, 1), 480);
});
