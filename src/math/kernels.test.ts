import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "./matrix";
import { NumpyRandom } from "./random";
import { matmulAddBias, matmulTransposeA, matmulTransposeB, meanOverRows, reluBackward, reluInPlace } from "./kernels";

const rng = new NumpyRandom(3);
const random = (r: number, c: number) => new Matrix(r, c, rng.randomArray(r * c).map((v) => v * 2 - 1));

function assertClose(actual: Float64Array, expected: Float64Array) {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= 1e-12 * Math.max(1, Math.abs(e)), `index ${i}: ${actual[i]} vs ${e}`));
}

// Shapes whose sizes are and are not multiples of the kernels' block of 4.
const shapes = [[1, 7, 25], [4, 25, 10], [5, 10, 1], [32, 7, 25], [3, 6, 8], [2, 1, 3]] as const;

for (const [n, k, m] of shapes) {
  test(`kernels agree with the plain matrix ops for (${n} x ${k}) @ (${k} x ${m})`, () => {
    const a = random(n, k);
    const w = random(k, m);
    const bias = random(1, m);
    const g = random(n, m);

    const out = new Float64Array(n * m);
    matmulAddBias(a.data, w.data, bias.data, out, n, k, m);
    assertClose(out, a.matmul(w).add(bias).data);

    const wGrad = new Float64Array(k * m);
    matmulTransposeA(a.data, g.data, wGrad, n, k, m);
    assertClose(wGrad, a.transpose().matmul(g).data);

    const inputGrad = new Float64Array(n * k);
    matmulTransposeB(g.data, w.data, inputGrad, n, m, k);
    assertClose(inputGrad, g.matmul(w.transpose()).data);

    const mean = new Float64Array(m);
    meanOverRows(g.data, mean, n, m);
    assertClose(mean, g.meanRows().data);
  });
}

test("relu and its backward pass", () => {
  const x = new Float64Array([-1, 0, 2, -0.5, 3]);
  reluInPlace(x, x.length);
  assert.deepEqual(Array.from(x), [0, 0, 2, 0, 3]);
  const out = new Float64Array(5);
  reluBackward(new Float64Array([1, 1, 1, 1, 1]), x, out, 5);
  assert.deepEqual(Array.from(out), [0, 0, 1, 0, 1]);
});
