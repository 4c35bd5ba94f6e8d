import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "./matrix";
import { ShapeError } from "./shape-error";

const a = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
const b = Matrix.fromRows([[1, 0], [0, 1], [2, -1]]);

test("matmul multiplies rows by columns", () => {
  assert.deepEqual(a.matmul(b).toArray(), [[7, -1], [16, -1]]);
});

test("matmul with mismatched shapes names the operation and both shapes", () => {
  assert.throws(() => a.matmul(a), (err: unknown) => err instanceof ShapeError && /matmul: shapes \(2, 3\) and \(2, 3\)/.test(err.message));
});

test("element-wise ops, scalars and row broadcasting", () => {
  assert.deepEqual(a.add(1).toArray(), [[2, 3, 4], [5, 6, 7]]);
  assert.deepEqual(a.sub(Matrix.fromRows([[1, 1, 1]])).toArray(), [[0, 1, 2], [3, 4, 5]]);
  assert.deepEqual(a.mul(a).toArray(), [[1, 4, 9], [16, 25, 36]]);
  assert.deepEqual(a.div(2).toArray(), [[0.5, 1, 1.5], [2, 2.5, 3]]);
  assert.throws(() => a.add(b), /add: shapes \(2, 3\) and \(3, 2\) do not fit/);
});

test("transpose, meanRows, sum, mean, map", () => {
  assert.deepEqual(a.transpose().toArray(), [[1, 4], [2, 5], [3, 6]]);
  assert.deepEqual(a.meanRows().toArray(), [[2.5, 3.5, 4.5]]);
  assert.equal(a.sum(), 21);
  assert.equal(a.mean(), 3.5);
  assert.deepEqual(a.map((v) => Math.max(v - 3, 0)).toArray(), [[0, 0, 0], [1, 2, 3]]);
});

test("sliceRows clamps like python slicing and copies", () => {
  const s = a.sliceRows(1, 10);
  assert.deepEqual(s.toArray(), [[4, 5, 6]]);
  s.set(0, 0, 99);
  assert.equal(a.get(1, 0), 4);
});

test("addInPlace checks shapes and updates in place", () => {
  const c = a.clone().addInPlace(a);
  assert.deepEqual(c.toArray(), [[2, 4, 6], [8, 10, 12]]);
  assert.throws(() => c.addInPlace(b), /addInPlace: shapes \(2, 3\) and \(3, 2\)/);
});

test("construction errors say what is wrong", () => {
  assert.throws(() => Matrix.fromRows([[1, 2], [3]]), /row 1 has 1 values, row 0 has 2/);
  assert.throws(() => new Matrix(2, 2, new Float64Array(3)), /3 values cannot fill shape \(2, 2\)/);
  assert.throws(() => new Matrix(-1, 2), /non-negative integers/);
});

test("prints its shape and values", () => {
  assert.match(String(a), /^Matrix 2x3\n\[\[1\., 2\., 3\.\],\n \[4\., 5\., 6\.\]\]$/);
});
