import v8 from "node:v8";
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

type NodeFlags = { execArgv: string[]; options: string };

const startFlags: NodeFlags = { execArgv: process.execArgv, options: process.env.NODE_OPTIONS ?? "" };

/** Run `body` with V8 flags `on` set and `off` unset, each set back after unless the process was started with it. */
function withFlags<T>(on: string[], off: string[], node: NodeFlags, body: () => T): T {
  const given = `${node.execArgv.join(" ")} ${node.options}`;
  const set = on.filter((f) => !given.includes(f));
  const unset = off.filter((f) => !given.includes(f));
  for (const f of set) v8.setFlagsFromString(`--${f}`);
  for (const f of unset) v8.setFlagsFromString(`--no-${f}`);
  try {
    return body();
  } finally {
    for (const f of set) v8.setFlagsFromString(`--no-${f}`);
    for (const f of unset) v8.setFlagsFromString(`--${f}`);
  }
}

/**
 * V8 compiles WebAssembly lazily: each function with its baseline compiler (Liftoff) on first
 * call, and again with its optimizing one (TurboFan) once it has run hot. Every kernel here is hot
 * from the first batch, so they are all compiled with TurboFan up front instead (a few
 * milliseconds, once per process) and the first batches run at full speed: on the bench's
 * scaling run the first epoch took 56 ms instead of 63. The flags are set back right after,
 * unless the process was started with them. `enable` names flags to turn on for the compile.
 */
export function compileOptimized(bytes: Uint8Array, node: NodeFlags = startFlags, enable: string[] = []): WebAssembly.Module {
  return withFlags(enable, ["liftoff", "wasm-lazy-compilation"], node, () => new WebAssembly.Module(bytes));
}

const plainBytes = Buffer.from(kernelsWasmBase64, "base64");
const fmaBytes = Buffer.from(kernelsFmaWasmBase64, "base64");

/**
 * The V8 flags the fused multiply-add module needs, or null where it cannot be compiled:
 * relaxed SIMD is on by default from Node 22 (no flag), and behind
 * --experimental-wasm-relaxed-simd in Node 20. Setting ENGINE_NO_FMA=1 asks for the plain
 * kernels everywhere.
 */
export function fmaFlags(node: NodeFlags = startFlags): string[] | null {
  if (process.env.ENGINE_NO_FMA === "1") return null;
  if (WebAssembly.validate(fmaBytes)) return [];
  const flag = "experimental-wasm-relaxed-simd";
  try {
    return withFlags([flag], [], node, () => WebAssembly.validate(fmaBytes)) ? [flag] : null;
  } catch {
    return null;
  }
}

/**
 * A new instance of the kernels on the shared memory: with relaxed SIMD's fused multiply-add
 * in the large-layer product tiles (kernels.wat's fma regions, through panelProduct) when `fma`,
 * or the plain module, every result bit for bit that of the TypeScript loops.
 */
export function instantiateKernels(fma: boolean): KernelExports {
  if (fma && !availableFmaFlags) throw new Error("relaxed SIMD is not available: the fused multiply-add kernels cannot be compiled");
  const module = fma ? compileOptimized(fmaBytes, startFlags, availableFmaFlags!) : compileOptimized(plainBytes);
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}

/** Asked once per process: validating may mean turning a V8 flag on and off. */
const availableFmaFlags = fmaFlags();

/** Whether `kernels` is the fused multiply-add module (where relaxed SIMD is available). */
export const kernelsFma = availableFmaFlags !== null;

/** Compiled once, when first imported. */
export const kernels = instantiateKernels(kernelsFma);

for (const [name, expected] of [["layerRecordBytes", LAYER_RECORD_BYTES], ["parameterRecordBytes", PARAMETER_RECORD_BYTES]] as const) {
  const actual = kernels[name].value as number;
  if (actual !== expected) throw new Error(`kernels.wat reads ${name} = ${actual}, but layout.ts defines ${expected}: rebuild with npm run kernels`);
}
