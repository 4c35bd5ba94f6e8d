import { kernelsFmaWasmBase64, kernelsWasmBase64 } from "./kernels-bytes";
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

/** atob and no Buffer or process, so that the engine also loads in a browser page. */
const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const plainBytes = decode(kernelsWasmBase64);
const fmaBytes = decode(kernelsFmaWasmBase64);
const plainOnly = typeof process !== "undefined" && process.env?.ENGINE_NO_FMA === "1";

/**
 * Whether the fused multiply-add module can be used here: relaxed SIMD is on by default from
 * Node 22 and validates as it is. The engine sets no V8 flags of its own (a flag toggled at run
 * time is something a Node version may refuse or crash on), so Node 20, where relaxed SIMD sits
 * behind a start-up flag, gets the plain kernels unless it was started with
 * --experimental-wasm-relaxed-simd. ENGINE_NO_FMA=1 asks for the plain kernels everywhere.
 */
export function fmaAvailable(): boolean {
  return !plainOnly && WebAssembly.validate(fmaBytes);
}

/**
 * A new instance of the kernels on the shared memory: with relaxed SIMD's fused multiply-add
 * in the large-layer product tiles (kernels.wat's fma regions, through panelProduct) when `fma`,
 * or the plain module, every result bit for bit that of the TypeScript loops.
 */
export function instantiateKernels(fma: boolean): KernelExports {
  if (fma && !WebAssembly.validate(fmaBytes)) throw new Error("relaxed SIMD is not available: the fused multiply-add kernels cannot be compiled");
  const module = new WebAssembly.Module(fma ? fmaBytes : plainBytes);
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}

/** Whether `kernels` is the fused multiply-add module (where relaxed SIMD is available). */
export const kernelsFma = fmaAvailable();

/** Compiled once, when first imported. */
export const kernels = instantiateKernels(kernelsFma);

for (const [name, expected] of [["layerRecordBytes", LAYER_RECORD_BYTES], ["parameterRecordBytes", PARAMETER_RECORD_BYTES]] as const) {
  const actual = kernels[name].value as number;
  if (actual !== expected) throw new Error(`kernels.wat reads ${name} = ${actual}, but layout.ts defines ${expected}: rebuild with npm run kernels`);
}
