import assert from "node:assert/strict";
import { kernelsFma } from "./instance";

/**
 * For the engine's tests. Where relaxed SIMD is available, the large-layer products (those that
 * go through panelProduct: a weight matrix of more than 4096 numbers and eight rows or more) use
 * f64x2.relaxed_madd, which on a CPU with fused multiply-add rounds a * b + c once where the
 * TypeScript loops round the product and then the sum. The order of the sums is unchanged, so
 * the results differ from the loops' by a few units in the last place of the partial sums, far
 * below 1e-12 of the largest value; relaxed_madd may also not fuse (a CPU without FMA), and then
 * the bits are the loops'. Every smaller product, the lesson's whole network included, and every
 * product of the plain module (the fallback where relaxed SIMD is unavailable) is bit for bit
 * the loops'.
 */
export const FMA_RELATIVE_TOLERANCE = 1e-12;

/** Whether a layer of n rows by a k x m weight matrix reaches the fused multiply-add kernels here. */
export function reachesFma(n: number, k: number, m: number): boolean {
  return kernelsFma && n >= 8 && k * m > 4096;
}

/**
 * actual equals expected in shape, and every number to within FMA_RELATIVE_TOLERANCE relative:
 * an array's numbers relative to its largest magnitude (a sum that cancels to near zero keeps the
 * rounding error of its larger terms), a lone number relative to itself.
 */
export function assertCloseForFma(actual: unknown, expected: unknown, message = ""): void {
  if (typeof expected === "number") {
    assert.equal(typeof actual, "number", message);
    assert.ok(Math.abs((actual as number) - expected) <= FMA_RELATIVE_TOLERANCE * Math.abs(expected), `${message}: ${actual} vs ${expected}`);
  } else if (expected instanceof Float64Array || Array.isArray(expected) && expected.every((v) => typeof v === "number")) {
    const [a, e] = [Array.from(actual as ArrayLike<number>), Array.from(expected as ArrayLike<number>)];
    assert.equal(a.length, e.length, message);
    const scale = Math.max(0, ...e.map(Math.abs));
    e.forEach((v, i) => {
      assert.ok(Math.abs(a[i]! - v) <= FMA_RELATIVE_TOLERANCE * scale, `${message}[${i}]: ${a[i]} vs ${v} (largest ${scale})`);
    });
  } else if (typeof expected === "object" && expected !== null) {
    assert.equal(typeof actual, "object", message);
    assert.deepEqual(Object.keys(actual as object).sort(), Object.keys(expected).sort(), message);
    for (const [key, value] of Object.entries(expected)) {
      assertCloseForFma((actual as Record<string, unknown>)[key], value, `${message}.${key}`);
    }
  } else {
    assert.equal(actual, expected, message);
  }
}
