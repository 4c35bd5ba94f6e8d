import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "../lesson/math/matrix";
import { NumpyRandom } from "../lesson/math/random";
import { Dense } from "../lesson/nn/dense";
import { assertCloseForFma, reachesFma } from "./fma-tolerance";
import { denseBackward, denseForward } from "./kernels";
import { denseCase } from "./dense-case";
import { allocateFloat64, copyToWasm } from "./memory";

const rng = new NumpyRandom(5);
/** n values in [-1, 1), some exactly 0 so relu's boundary is exercised. */
function random(n: number): Float64Array {
  return rng.randomArray(n).map((v, i) => (i % 7 === 3 ? 0 : v * 2 - 1));
}

// The lesson's layers, batch sizes that are not powers of two, one row, no rows, and sizes that reach
// every tile and leftover of the kernels: rows in twos and fours (and an odd one left), outputs in
// eights, fours, twos and one, an odd last column; the scaling run's middle layer and two odd shapes
// whose weight and input gradients are large enough to go through panelProduct (odd sizes reach its leftover
// rows and columns and the transposes' odd edges).
const shapes = [
  [4, 7, 25], [4, 25, 10], [3, 10, 1], [32, 7, 25], [7, 25, 10], [13, 10, 1], [5, 3, 2], [2, 16, 3], [3, 15, 2], [1, 1, 1], [0, 4, 3],
  [11, 6, 9], [8, 3, 17], [6, 9, 1], [7, 11, 19], [32, 256, 128], [13, 67, 65], [9, 130, 33],
] as const;

for (const [n, k, m] of shapes) {
  for (const relu of [true, false]) {
    // The three large shapes reach panelProduct, whose sums are fused multiply-adds where relaxed
    // SIMD is available: there within 1e-12 (fma-tolerance.ts says why), elsewhere bit for bit.
    const fma = reachesFma(n, k, m);
    const same = fma ? assertCloseForFma : assert.deepEqual;
    test(`wasm dense kernels give the lesson's Dense ${fma ? "to within 1e-12 (fused multiply-add)" : "bit for bit"}: (${n} x ${k}) @ (${k} x ${m}), relu ${relu}`, () => {
      const { expected, input, result } = denseCase(n, k, m, relu, random);
      denseForward(input.x, input.w, input.b, result.out, n, k, m, relu);
      same(result.out, expected.out);

      result.wGrad.fill(99); // stale numbers must be overwritten, also when there are no rows
      // backward from the lesson's own output (the same bits as out's unless fused): the same relu mask
      denseBackward(input.x, copyToWasm(expected.out), input.grad, result.masked, input.w, result.wGrad, result.bGrad, result.xGrad, n, k, m, relu);
      same(result.wGrad, expected.wGrad);
      same(result.bGrad, expected.bGrad);
      same(result.xGrad, expected.xGrad);
    });
  }
}

test("relu in wasm treats -0 and NaN like the lesson's Dense: both become +0", () => {
  const input = new Matrix(5, 1, new Float64Array([-0, NaN, 2, -3, 0.5]));
  const layer = new Dense(1, 1);
  layer.weights.data[0] = 1;
  layer.bias.data[0] = 0;
  const out = allocateFloat64(5);
  denseForward(copyToWasm(input.data), copyToWasm(layer.weights.data), allocateFloat64(1), out, 5, 1, 1, true);
  assert.deepEqual(Array.from(out), [0, 0, 2, 0, 0.5]);
  assert.ok(Object.is(out[0], 0), "+0, not -0");
  assert.deepEqual(out, layer.forward(input).data);
});

test("relu fused into the forward tiles (two rows by eight and by two columns) also makes NaN +0", () => {
  for (const m of [8, 2, 11]) {
    const x = copyToWasm(new Float64Array([NaN, -1]));
    const w = allocateFloat64(m).fill(1);
    const out = allocateFloat64(2 * m);
    denseForward(x, w, allocateFloat64(m), out, 2, 1, m, true);
    assert.deepEqual(Array.from(out), new Array(2 * m).fill(0));
    denseForward(x, w, allocateFloat64(m), out, 2, 1, m, false);
    assert.ok(out.slice(0, m).every(Number.isNaN) && out.slice(m).every((v) => v === -1));
  }
});
