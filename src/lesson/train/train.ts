import type { Matrix } from "../math/matrix";
import type { Dense } from "../nn/dense";
import { meanSquaredError } from "../nn/loss";
import { backward, forward } from "../nn/network";
import type { Optimizer } from "../optim/optimizer";
import { DivergenceError } from "./divergence-error";
import { chooseFastPath } from "./fast-path";
import type { EpochMetrics, MetricLogger, Progress } from "./hooks";
import { layerParameters } from "./parameters";

export interface Split {
  x: Matrix;
  y: Matrix;
}

export interface TrainOptions {
  layers: Dense[];
  /** A library optimizer or any object with `step(params)`, such as a notebook's own class. */
  optimizer: Optimizer;
  train: Split;
  valid: Split;
  batchSize: number;
  epochs: number;
  /** Where metrics go (a tracker run); the loop defines the metrics, logs and finishes it. */
  logger?: MetricLogger;
  /** Called after every optimizer step (throttle inside if drawing is costly). */
  onProgress?: (progress: Progress) => void;
  /** Called after every epoch with its metrics. */
  onEpoch?: (metrics: EpochMetrics) => void;
}

export interface TrainResult {
  epochs: EpochMetrics[];
  /** Optimizer steps taken in the whole run. */
  steps: number;
  /** Which code trained: the wasm engine or the TypeScript of src/lesson. */
  path: "engine" | "typescript";
  /** Why that path ran. */
  pathReason: string;
}

/** Batches per epoch: the last one may be short. */
export function batchesPerEpoch(rows: number, batchSize: number): number {
  return Math.ceil(rows / batchSize);
}

/** Optimizer steps in a whole run: what a schedule's totalSteps must be. */
export function totalSteps(rows: number, batchSize: number, epochs: number): number {
  return epochs * batchesPerEpoch(rows, batchSize);
}

/**
 * The lesson's training loop: batches in file order (the data is a time series, so no
 * shuffling), forward, error, backward, optimizer step; validation loss after each epoch.
 *
 * train_loss is the sum of the batch MSEs / rows * batchSize (the mean batch loss when every
 * batch is full); running_loss is the same quantity so far in the epoch, logged against
 * batch_step, the number of samples seen, so runs with different batch sizes line up.
 */
export function train(options: TrainOptions): TrainResult {
  const { batchSize, epochs, logger, onProgress, onEpoch } = options;
  checkTrainOptions(options);
  const rows = options.train.x.rows;
  const batches = batchesPerEpoch(rows, batchSize);
  const steps = totalSteps(rows, batchSize, epochs);
  const { layers, optimizer, valid } = options;
  // The engine runs these same four steps in wasm, bit for bit, while the library source is the
  // source its contract tests verified; otherwise (or after useEngine(false)) engine is null.
  const { runner: engine, path, reason } = chooseFastPath(options);
  const batchViews = engine ? [] : makeBatchViews(options.train.x, options.train.y, batchSize); // the engine slices its own

  logger?.defineMetric("batch_step");
  logger?.defineMetric("epoch");
  logger?.defineMetric("running_loss", { stepMetric: "batch_step" });
  for (const name of ["train_loss", "valid_loss", "runtime"]) logger?.defineMetric(name, { stepMetric: "epoch" });

  const history: EpochMetrics[] = [];
  let step = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const start = performance.now();
      let running = 0;
      for (let b = 0; b < batches; b++) {
        let batchLoss: number;
        if (engine) {
          batchLoss = engine.trainBatch(b);
        } else {
          const { x, y } = batchViews[b]!;
          const predictions = forward(x, layers); // forward
          const error = predictions.sub(y); // error: d loss / d predictions, for loss = sum of squared errors / 2
          const grads = backward(error, layers); // backward
          optimizer.step(layerParameters(layers, grads, batchSize)); // optimizer step, on batch-mean gradients
          batchLoss = meanSquaredError(predictions, y);
        }
        step += 1;
        if (!Number.isFinite(batchLoss)) throw new DivergenceError(epoch, step, batchLoss);
        running += batchLoss;
        const seen = Math.min((b + 1) * batchSize, rows);
        const runningLoss = (running / seen) * batchSize;
        logger?.log({ running_loss: runningLoss, batch_step: epoch * rows + seen });
        onProgress?.({ epoch, epochs, batch: b + 1, batches, step, totalSteps: steps, runningLoss });
      }
      const validLoss = engine ? engine.validLoss() : meanSquaredError(forward(valid.x, layers), valid.y);
      engine?.sync(); // the engine trains copies: write them back into the layers and the optimizer
      const metrics: EpochMetrics = {
        epoch,
        train_loss: (running / rows) * batchSize,
        valid_loss: validLoss,
        runtime: (performance.now() - start) / 1000,
      };
      if (!Number.isFinite(validLoss)) throw new DivergenceError(epoch, step, validLoss);
      history.push(metrics);
      logger?.log({ ...metrics });
      onEpoch?.(metrics);
    }
  } catch (error) {
    // A tracked run that stops here is marked failed, with the reason the dashboard shows.
    const e = error as Error;
    logger?.fail?.(e instanceof DivergenceError ? `diverged: the loss became ${e.loss} at epoch ${e.epoch}, step ${e.step}` : `exception: ${e.message}`);
    engine?.sync(); // a finished epoch has synced already; a run stopped mid-epoch has not
    throw error;
  }
  logger?.finish();
  return { epochs: history, steps: step, path, pathReason: reason };
}

/** Row slices of the training split, made once: the batches are the same every epoch. */
function makeBatchViews(x: Matrix, y: Matrix, batchSize: number): Split[] {
  const views: Split[] = [];
  for (let start = 0; start < x.rows; start += batchSize) {
    views.push({ x: x.sliceRows(start, start + batchSize), y: y.sliceRows(start, start + batchSize) });
  }
  return views;
}

function checkTrainOptions(o: TrainOptions): void {
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${o.batchSize}`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`epochs must be an integer >= 1, got ${o.epochs}`);
  if (o.train.x.rows !== o.train.y.rows) throw new RangeError(`train split: ${o.train.x.rows} x rows but ${o.train.y.rows} y rows`);
  if (o.valid.x.rows !== o.valid.y.rows) throw new RangeError(`valid split: ${o.valid.x.rows} x rows but ${o.valid.y.rows} y rows`);
  if (o.train.x.rows === 0) throw new RangeError("train split is empty");
}
