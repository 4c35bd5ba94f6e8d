import type { Matrix } from "../math/matrix";
import type { Dense } from "../nn/dense";
import type { Optimizer } from "../optim/optimizer";

/** What a fast path is given: a run's layers, optimizer, data and batch size. */
export interface RunSetup {
  layers: readonly Dense[];
  optimizer: Optimizer;
  train: { x: Matrix; y: Matrix };
  valid: { x: Matrix; y: Matrix };
  batchSize: number;
}

/** The work of one run, batch by batch, however it is done. */
export interface BatchRunner {
  /** Forward, error, backward and optimizer step on batch b; returns the batch's mean squared error. */
  trainBatch(b: number): number;
  /** The validation split's mean squared error. */
  validLoss(): number;
  /** Bring the layers and the optimizer up to date (a fast path may work on copies). */
  sync(): void;
}

/**
 * Another way to run a training loop's batches with exactly the same numbers, only faster:
 * the engine (src/engine) is one. `prepare` returns null for runs it does not handle.
 */
export interface FastPath {
  prepare(run: RunSetup): BatchRunner | null;
}

let registered: FastPath | null = null;

/**
 * The one registration point: the package entry (src/index.ts) and the command-line tools
 * register the engine here, so nothing in src/lesson imports it. Pass null to switch it off.
 */
export function registerFastPath(fastPath: FastPath | null): void {
  registered = fastPath;
}

export function registeredFastPath(): FastPath | null {
  return registered;
}
