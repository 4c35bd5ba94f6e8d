import { kernels } from "./instance";
import { inWasmMemory } from "./memory";

/**
 * The optimizers' update rules in wasm (kernels.wat), for arrays that live in wasm memory.
 * Each returns false, doing nothing, when an array lives elsewhere: the optimizer then runs
 * its TypeScript loop, which does the same arithmetic in the same order.
 */

/** p += -lr * (g / scale) */
export function sgdKernel(p: Float64Array, g: Float64Array, lr: number, scale: number): boolean {
  if (!usable(p, g)) return false;
  kernels.sgdStep(p.byteOffset, g.byteOffset, p.length, lr, scale);
  return true;
}

/** v = v * mu - lr * (g / scale); p += v */
export function momentumKernel(p: Float64Array, g: Float64Array, v: Float64Array, lr: number, scale: number, mu: number): boolean {
  if (!usable(p, g, v)) return false;
  kernels.momentumStep(p.byteOffset, g.byteOffset, v.byteOffset, p.length, lr, scale, mu);
  return true;
}

/** One Adam update of p with moments m, v; c1 and c2 are the bias corrections 1 - beta^t. */
export function adamKernel(
  p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array,
  lr: number, scale: number, beta1: number, beta2: number, c1: number, c2: number, eps: number,
): boolean {
  if (!usable(p, g, m, v)) return false;
  kernels.adamStep(p.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, p.length, lr, scale, beta1, beta2, c1, c2, eps);
  return true;
}

/** p += shrink * p (AdamW's weight decay, shrink = -lr * weightDecay) */
export function decayKernel(p: Float64Array, shrink: number): boolean {
  if (!inWasmMemory(p)) return false;
  kernels.decayStep(p.byteOffset, p.length, shrink);
  return true;
}

/** All arrays in wasm memory (and as long as p, since the kernel reads p.length values of each)? */
function usable(p: Float64Array, a: Float64Array, b: Float64Array = a, c: Float64Array = a): boolean {
  if (a.length !== p.length || b.length !== p.length || c.length !== p.length) {
    throw new RangeError(`optimizer update: state or gradient lengths ${[a.length, b.length, c.length]} differ from ${p.length} parameters`);
  }
  return inWasmMemory(p) && inWasmMemory(a) && inWasmMemory(b) && inWasmMemory(c);
}
