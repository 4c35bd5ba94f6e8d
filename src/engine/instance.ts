import { kernelsWasmBase64 } from "./kernels-bytes";
import { LAYER_RECORD_BYTES, PARAMETER_RECORD_BYTES } from "./layout";
import { memory } from "./memory";

/**
 * The functions kernels.wat exports, as the module sees them: pointers are byte offsets in
 * the wasm memory, flags are 0 or 1. Call them through the typed wrappers in kernels.ts.
 */
export interface KernelExports {
  denseForward(x: number, w: number, b: number, out: number, n: number, k: number, m: number, relu: number): void;
  denseBackward(
    x: number, out: number, grad: number, masked: number, w: number, wGrad: number, bGrad: number, xGrad: number,
    scratch: number, n: number, k: number, m: number, relu: number, wantXGrad: number,
  ): void;
  networkLoss(plan: number, layers: number, n: number, x: number, y: number, err: number): number;
  networkGradients(plan: number, layers: number, n: number, x: number, y: number, err: number): number;
  sgdNetwork(table: number, count: number, lr: number, batchSize: number): void;
  momentumNetwork(table: number, count: number, lr: number, batchSize: number, mu: number): void;
  adamNetwork(
    table: number, count: number, lr: number, batchSize: number, beta1: number, beta2: number,
    c1: number, c2: number, eps: number, decay: number, shrink: number,
  ): void;
  layerRecordBytes: WebAssembly.Global;
  parameterRecordBytes: WebAssembly.Global;
}

/** Compiled once, when first imported: a few kilobytes, well under a millisecond. */
export const kernels = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(kernelsWasmBase64, "base64")), {
  env: { memory },
}).exports as unknown as KernelExports;

for (const [name, expected] of [["layerRecordBytes", LAYER_RECORD_BYTES], ["parameterRecordBytes", PARAMETER_RECORD_BYTES]] as const) {
  const actual = kernels[name].value as number;
  if (actual !== expected) throw new Error(`kernels.wat reads ${name} = ${actual}, but layout.ts defines ${expected}: rebuild with npm run kernels`);
}
