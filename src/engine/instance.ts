import v8 from "node:v8";
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

/**
 * V8 compiles WebAssembly lazily: each function with its baseline compiler (Liftoff) on first
 * call, and again with its optimizing one (TurboFan) once it has run hot. Every kernel here is hot
 * from the first batch, so they are all compiled with TurboFan up front instead (a few
 * milliseconds, once per process) and the first batches run at full speed: on the bench's
 * scaling run the first epoch took 56 ms instead of 63. The flags are set back right after,
 * unless the process was started with them.
 */
export function compileOptimized(bytes: Uint8Array, node = { execArgv: process.execArgv, options: process.env.NODE_OPTIONS ?? "" }): WebAssembly.Module {
  const given = `${node.execArgv.join(" ")} ${node.options}`;
  const flags = ["liftoff", "wasm-lazy-compilation"].filter((f) => !given.includes(f));
  for (const f of flags) v8.setFlagsFromString(`--no-${f}`);
  try {
    return new WebAssembly.Module(bytes);
  } finally {
    for (const f of flags) v8.setFlagsFromString(`--${f}`);
  }
}

/** Compiled once, when first imported. */
export const kernels = new WebAssembly.Instance(compileOptimized(Buffer.from(kernelsWasmBase64, "base64")), {
  env: { memory },
}).exports as unknown as KernelExports;

for (const [name, expected] of [["layerRecordBytes", LAYER_RECORD_BYTES], ["parameterRecordBytes", PARAMETER_RECORD_BYTES]] as const) {
  const actual = kernels[name].value as number;
  if (actual !== expected) throw new Error(`kernels.wat reads ${name} = ${actual}, but layout.ts defines ${expected}: rebuild with npm run kernels`);
}
