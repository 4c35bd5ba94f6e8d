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

/** A fast path's answer for a run it does not take, with the reason a TrainResult reports. */
export interface Declined {
  declined: string;
}

/**
 * Another way to run a training loop's batches with exactly the same numbers, only faster:
 * the engine (src/engine) is one. `prepare` declines runs it cannot vouch for, saying why.
 */
export interface FastPath {
  /** What a TrainResult says when this path ran. */
  readonly reason: string;
  prepare(run: RunSetup): BatchRunner | Declined;
}

let registered: FastPath | null = null;

/**
 * The one registration point: the package entry (src/index.ts) and the command-line tools
 * register the engine here, so nothing in src/lesson imports it. Pass null to switch it off.
 */
export function registerFastPath(fastPath: FastPath | null): void {
  registered = fastPath;
}

/** The path a training run takes, and why: TrainResult reports both. */
export interface PathChoice {
  path: "engine" | "typescript";
  reason: string;
  /** The registered fast path's runner, when it takes the run. */
  runner: BatchRunner | null;
}

export function chooseFastPath(run: RunSetup): PathChoice {
  if (!registered) return { path: "typescript", reason: "no engine is registered (useEngine(false), or src/lesson used without the package entry)", runner: null };
  const prepared = registered.prepare(run);
  if ("declined" in prepared) return { path: "typescript", reason: prepared.declined, runner: null };
  return { path: "engine", reason: registered.reason, runner: prepared };
}
