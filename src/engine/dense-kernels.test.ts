import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../lesson/math/matrix";
import { NumpyRandom } from "../lesson/math/random";
import { denseBackward, denseForward } from "./dense-kernels";
import { allocateFloat64 } from "./memory";

const rng = new NumpyRandom(5);
/** n values in [-1, 1) in wasm memory, some exactly 0 so relu's boundary is exercised. */
function random(n: number): Float64Array {
  const a = allocateFloat64(n);
  rng.randomArray(n).forEach((v, i) => (a[i] = i % 7 === 3 ? 0 : v * 2 - 1));
  return a;
}

// The lesson's layers, one row, no rows, and sizes that reach every tile and leftover of the kernels: rows in
// twos and fours (and an odd one left), outputs in eights, fours, twos and one, an odd last column; the
// scaling run's middle layer and two odd shapes whose weight gradient is large enough to go eight rows at a time.
const shapes = [
  [4, 7, 25], [4, 25, 10], [3, 10, 1], [32, 7, 25], [5, 3, 2], [2, 16, 3], [3, 15, 2], [1, 1, 1], [0, 4, 3],
  [11, 6, 9], [8, 3, 17], [6, 9, 1], [7, 11, 19], [32, 256, 128], [13, 67, 65], [9, 130, 33],
] as const;

for (const [n, k, m] of shapes) {
  for (const relu of [true, false]) {
    test(`wasm dense kernels equal plain Matrix arithmetic bit for bit: (${n} x ${k}) @ (${k} x ${m}), relu ${relu}`, () => {
      const [x, w, b, grad] = [random(n * k), random(k * m), random(m), random(n * m)];
      // The reference: Matrix's plain loops, which sum every entry in index order, as the notebooks do.
      const [X, W, B, G] = [new Matrix(n, k, x), new Matrix(k, m, w), new Matrix(1, m, b), new Matrix(n, m, grad)];

      const out = allocateFloat64(n * m);
      denseForward(x, w, b, out, n, k, m, relu);
      const affine = X.matmul(W).add(B);
      const expectedOut = relu ? affine.map((z) => (z > 0 ? z : 0)) : affine;
      assert.deepEqual(out, expectedOut.data);

      const [masked, wGrad, bGrad, xGrad] = [allocateFloat64(n * m), allocateFloat64(k * m), allocateFloat64(m), allocateFloat64(n * k)];
      wGrad.fill(99); // stale numbers must be overwritten, also when there are no rows
      denseBackward(x, out, grad, masked, w, wGrad, bGrad, xGrad, n, k, m, relu);
      const g = relu ? G.map((v, i) => (out[i]! > 0 ? v : 0)) : G;
      assert.deepEqual(wGrad, X.transpose().matmul(g).data);
      assert.deepEqual(bGrad, g.meanRows().data);
      assert.deepEqual(xGrad, g.matmul(W.transpose()).data);
    });
  }
}

test("relu in wasm treats -0 and NaN like the TypeScript kernel: both become 0", () => {
  const x = allocateFloat64(5);
  x.set([-0, NaN, 2, -3, 0.5]);
  const zeroW = allocateFloat64(1);
  zeroW[0] = 1;
  const out = allocateFloat64(5);
  denseForward(x, zeroW, allocateFloat64(1), out, 5, 1, 1, true);
  assert.deepEqual(Array.from(out), [0, 0, 2, 0, 0.5]);
  assert.ok(Object.is(out[0], 0), "+0, not -0");
});

test("relu fused into the forward tiles (two rows by eight and by two columns) also makes NaN 0", () => {
  for (const m of [8, 2, 11]) {
    const x = allocateFloat64(2);
    x.set([NaN, -1]);
    const w = allocateFloat64(m).fill(1);
    const out = allocateFloat64(2 * m);
    denseForward(x, w, allocateFloat64(m), out, 2, 1, m, true);
    assert.deepEqual(Array.from(out), new Array(2 * m).fill(0));
    denseForward(x, w, allocateFloat64(m), out, 2, 1, m, false);
    assert.ok(out.slice(0, m).every(Number.isNaN) && out.slice(m).every((v) => v === -1));
  }
});
