import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../../lesson/math/matrix";
import { tileRows } from "./tile";

test("tileRows repeats all the rows, one copy after another, like np.tile(m, (n, 1))", () => {
  const m = Matrix.fromRows([[1, 2], [3, 4]]);
  assert.deepEqual(tileRows(m, 3).toArray(), [[1, 2], [3, 4], [1, 2], [3, 4], [1, 2], [3, 4]]);
});

test("tileRows of a row slice copies only the slice", () => {
  const m = Matrix.fromRows([[1], [2], [3]]).sliceRows(1, 3);
  assert.deepEqual(tileRows(m, 2).toArray(), [[2], [3], [2], [3]]);
});

test("tileRows needs a whole number of copies >= 1", () => {
  assert.throws(() => tileRows(Matrix.zeros(1, 1), 0), /times must be an integer >= 1, got 0/);
});
