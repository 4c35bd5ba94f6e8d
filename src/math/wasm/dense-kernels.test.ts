import { test } from "node:test";
import assert from "node:assert/strict";
import { matmulAddBias, matmulTransposeA, matmulTransposeB, meanOverRows, reluBackward, reluInPlace } from "../kernels";
import { NumpyRandom } from "../random";
import { denseBackward, denseForward } from "./dense-kernels";
import { allocateFloat64 } from "./memory";

const rng = new NumpyRandom(5);
/** n values in [-1, 1) in wasm memory, some exactly 0 so relu's boundary is exercised. */
function random(n: number): Float64Array {
  const a = allocateFloat64(n);
  rng.randomArray(n).forEach((v, i) => (a[i] = i % 7 === 3 ? 0 : v * 2 - 1));
  return a;
}

// Odd and even sizes (the wasm kernels take eight, two and one column at a time), the lesson's layers, one row, no rows.
const shapes = [[4, 7, 25], [4, 25, 10], [3, 10, 1], [32, 7, 25], [5, 3, 2], [2, 16, 3], [3, 15, 2], [1, 1, 1], [0, 4, 3]] as const;

for (const [n, k, m] of shapes) {
  for (const relu of [true, false]) {
    test(`wasm dense kernels equal the TypeScript kernels bit for bit: (${n} x ${k}) @ (${k} x ${m}), relu ${relu}`, () => {
      const [x, w, b, grad] = [random(n * k), random(k * m), random(m), random(n * m)];

      const out = allocateFloat64(n * m);
      denseForward(x, w, b, out, n, k, m, relu);
      const expectedOut = new Float64Array(n * m);
      matmulAddBias(x, w, b, expectedOut, n, k, m);
      if (relu) reluInPlace(expectedOut, n * m);
      assert.deepEqual(out, expectedOut);

      const [masked, wGrad, bGrad, xGrad] = [allocateFloat64(n * m), allocateFloat64(k * m), allocateFloat64(m), allocateFloat64(n * k)];
      wGrad.fill(99); // stale numbers must be overwritten, also when there are no rows
      denseBackward(x, out, grad, masked, w, wGrad, bGrad, xGrad, n, k, m, relu);
      let g = grad;
      if (relu) {
        g = new Float64Array(n * m);
        reluBackward(grad, out, g, n * m);
      }
      const [expectedW, expectedB, expectedX] = [new Float64Array(k * m), new Float64Array(m), new Float64Array(n * k)];
      matmulTransposeA(x, g, expectedW, n, k, m);
      meanOverRows(g, expectedB, n, m);
      matmulTransposeB(g, w, expectedX, n, m, k);
      assert.deepEqual(wGrad, expectedW);
      assert.deepEqual(bGrad, expectedB);
      assert.deepEqual(xGrad, expectedX);
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
