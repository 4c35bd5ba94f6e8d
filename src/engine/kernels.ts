import { kernels } from "./instance";
import { backwardScratchLength } from "./layout";
import { allocateFloat64 } from "./memory";

/**
 * Typed wrappers for every function kernels.wat exports. Arrays must live in the wasm memory
 * (see ./memory); each is passed to the module as its byte offset.
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
  const scratch = allocateFloat64(backwardScratchLength(n, k, m));
  kernels.denseBackward(
    x.byteOffset, out.byteOffset, grad.byteOffset, masked.byteOffset, w.byteOffset, wGrad.byteOffset, bGrad.byteOffset,
    xGrad ? xGrad.byteOffset : 0, scratch.byteOffset, n, k, m, relu ? 1 : 0, xGrad ? 1 : 0,
  );
}

/** A table in wasm memory (layout.ts) and how many records it holds. */
export interface Table {
  table: Int32Array;
  count: number;
}

/** A network plan's table (layout.ts) and the widths of its input and output. */
export interface PlanTable extends Table {
  inputSize: number;
  outputSize: number;
}

/** Rows [start, start + n) of x and y, row-major in wasm memory; `error` receives predictions - y. */
export interface Batch {
  x: Float64Array;
  y: Float64Array;
  start: number;
  n: number;
  error: Float64Array;
}

/** The mean squared error of a plan's network on a batch (forward only). */
export function networkLoss(plan: PlanTable, batch: Batch): number {
  return kernels.networkLoss(plan.table.byteOffset, plan.count, batch.n, xAt(plan, batch), yAt(plan, batch), batch.error.byteOffset);
}

/** Forward, error and backward through a plan's network; returns the batch's mean squared error. */
export function networkGradients(plan: PlanTable, batch: Batch): number {
  return kernels.networkGradients(plan.table.byteOffset, plan.count, batch.n, xAt(plan, batch), yAt(plan, batch), batch.error.byteOffset);
}

/** Byte offsets of the batch's first row of x and of y (once per batch: plain numbers, no tuple to spread). */
function xAt(plan: PlanTable, batch: Batch): number {
  return batch.x.byteOffset + batch.start * plan.inputSize * 8;
}

function yAt(plan: PlanTable, batch: Batch): number {
  return batch.y.byteOffset + batch.start * plan.outputSize * 8;
}

/**
 * SGD on every parameter of a table. Weight gradients are batch sums: each is divided by batchSize
 * as the update reads it (the gradient arrays are not written).
 */
export function sgdNetwork(params: Table, lr: number, batchSize: number): void {
  kernels.sgdNetwork(params.table.byteOffset, params.count, lr, batchSize);
}

/** Momentum on every parameter of a table (state1: the velocities). */
export function momentumNetwork(params: Table, lr: number, batchSize: number, momentum: number): void {
  kernels.momentumNetwork(params.table.byteOffset, params.count, lr, batchSize, momentum);
}

export interface AdamStep {
  lr: number;
  batchSize: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** The step's bias corrections, 1 - beta1^t and 1 - beta2^t. */
  correction1: number;
  correction2: number;
  /** AdamW's decoupled weight decay (null for Adam). */
  weightDecay: number | null;
}

/** Adam, or AdamW with a weightDecay, on every parameter of a table (state1: m, state2: v). */
export function adamNetwork(params: Table, s: AdamStep): void {
  kernels.adamNetwork(
    params.table.byteOffset, params.count, s.lr, s.batchSize, s.beta1, s.beta2, s.correction1, s.correction2, s.eps,
    s.weightDecay === null ? 0 : 1, s.weightDecay === null ? 0 : -s.lr * s.weightDecay,
  );
}
