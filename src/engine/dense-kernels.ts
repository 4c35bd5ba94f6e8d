import { kernels } from "./instance";

/**
 * The Dense layer's wasm kernels (kernels.wat), called with Float64Arrays that live in the
 * wasm memory (see ./memory): each array is passed as its byte offset in that memory.
 */

/** out[n x m] = x[n x k] @ w[k x m] + b[m], then max(out, 0) when `relu`. */
export function denseForward(
  x: Float64Array, w: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number, relu: boolean,
): void {
  kernels.denseForward(x.byteOffset, w.byteOffset, b.byteOffset, out.byteOffset, n, k, m, relu ? 1 : 0);
}

/**
 * Backward through out = relu?(x @ w + b): masked = grad where out > 0 (when `relu`),
 * wGrad = x^T @ masked, bGrad = column means of masked, and xGrad = masked @ w^T when wanted.
 */
export function denseBackward(
  x: Float64Array, out: Float64Array, grad: Float64Array, masked: Float64Array, w: Float64Array,
  wGrad: Float64Array, bGrad: Float64Array, xGrad: Float64Array | null, n: number, k: number, m: number, relu: boolean,
): void {
  kernels.denseBackward(
    x.byteOffset, out.byteOffset, grad.byteOffset, masked.byteOffset, w.byteOffset, wGrad.byteOffset, bGrad.byteOffset,
    xGrad ? xGrad.byteOffset : 0, n, k, m, relu ? 1 : 0, xGrad ? 1 : 0,
  );
}
