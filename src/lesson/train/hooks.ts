/**
 * What the training loop tells the outside world. Kept as plain interfaces so that the loop
 * knows nothing about where metrics go (a run tracker, a progress bar, a notebook display).
 */

/** A metrics sink in the spirit of wandb's run object: the loop defines its metrics, logs, finishes. */
export interface MetricLogger {
  /** Declare a metric; `stepMetric` names the metric used as its x axis (e.g. "epoch"). */
  defineMetric(name: string, options?: { stepMetric?: string }): void;
  /** Record one set of metric values (all finite numbers). */
  log(record: Record<string, number>): void;
  /** Mark the run as complete. */
  finish(): void;
  /** Mark the run as failed, with the reason (the loop calls it when training throws). */
  fail?(reason: string): void;
}

/** Progress of a training run, reported after every optimizer step. */
export interface Progress {
  epoch: number; // 0-based
  epochs: number;
  batch: number; // 1-based batch within the epoch
  batches: number; // batches per epoch
  step: number; // 1-based optimizer step across the run
  totalSteps: number;
  runningLoss: number; // mean training loss so far in this epoch
}

/** Metrics of one finished epoch, as logged. */
export interface EpochMetrics {
  epoch: number;
  train_loss: number;
  valid_loss: number;
  runtime: number; // seconds spent training this epoch (wall clock)
}
