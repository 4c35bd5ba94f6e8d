import { kernelsWasmBase64 } from "./kernels-bytes";
import { memory } from "./memory";

/** The functions kernels.wat exports. Pointers are byte offsets in the wasm memory. */
export interface KernelExports {
  denseForward(x: number, w: number, b: number, out: number, n: number, k: number, m: number, relu: number): void;
  denseBackward(
    x: number, out: number, grad: number, masked: number, w: number, wGrad: number, bGrad: number, xGrad: number,
    n: number, k: number, m: number, relu: number, wantXGrad: number,
  ): void;
  /** The whole network at once (plan: see NetworkPlan); both return the mean squared error. */
  networkLoss(plan: number, layers: number, n: number, x: number, y: number, err: number): number;
  networkGradients(plan: number, layers: number, n: number, x: number, y: number, err: number): number;
  /** Every parameter array of a network at once (table: see parameter-table.ts). */
  sgdNetwork(table: number, count: number, lr: number, batchSize: number): void;
  momentumNetwork(table: number, count: number, lr: number, batchSize: number, mu: number): void;
  adamNetwork(
    table: number, count: number, lr: number, batchSize: number, beta1: number, beta2: number,
    c1: number, c2: number, eps: number, decay: number, shrink: number,
  ): void;
}

/** Compiled once, when first imported: a few kilobytes, well under a millisecond. */
export const kernels = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(kernelsWasmBase64, "base64")), {
  env: { memory },
}).exports as unknown as KernelExports;
