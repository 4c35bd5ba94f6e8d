import { Matrix } from "../math/matrix";
import type { Dense } from "../nn/dense";
import { errorInto, meanSquaredError } from "../nn/loss";
import { backward, forward } from "../nn/network";
import { NetworkPlan } from "../../engine/network-plan";
import { Optimizer } from "../optim/optimizer";
import { DivergenceError } from "./divergence-error";
import type { EpochMetrics, MetricLogger, Progress } from "./hooks";

export interface Split {
  x: Matrix;
  y: Matrix;
}

export interface TrainOptions {
  layers: Dense[];
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
}

/** Batches per epoch: the last one may be short. */
export function batchesPerEpoch(rows: number, batchSize: number): number {
  return Math.ceil(rows / batchSize);
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
  try {
    return trainLoop(options);
  } catch (error) {
    // A tracked run that stops here is marked failed, with the reason the dashboard shows.
    const e = error as Error;
    options.logger?.fail?.(e instanceof DivergenceError ? `diverged: the loss became ${e.loss} at epoch ${e.epoch}, step ${e.step}` : `exception: ${e.message}`);
    throw error;
  }
}

function trainLoop(options: TrainOptions): TrainResult {
  const { optimizer, batchSize, epochs, logger, onProgress, onEpoch } = options;
  checkTrainOptions(options);
  const rows = options.train.x.rows;
  const batches = batchesPerEpoch(rows, batchSize);
  const totalSteps = epochs * batches;
  const { trainBatch, validLoss: validationLoss } = wholeNetworkSteps(options) ?? layerByLayerSteps(options);

  logger?.defineMetric("batch_step");
  logger?.defineMetric("epoch");
  logger?.defineMetric("running_loss", { stepMetric: "batch_step" });
  for (const name of ["train_loss", "valid_loss", "runtime"]) logger?.defineMetric(name, { stepMetric: "epoch" });

  const history: EpochMetrics[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const start = performance.now();
    let running = 0;
    for (let b = 0; b < batches; b++) {
      const batchLoss = trainBatch(b);
      if (!Number.isFinite(batchLoss)) throw new DivergenceError(epoch, optimizer.stepCount, batchLoss);
      running += batchLoss;
      const seen = Math.min((b + 1) * batchSize, rows);
      const runningLoss = (running / seen) * batchSize;
      logger?.log({ running_loss: runningLoss, batch_step: epoch * rows + seen });
      onProgress?.({ epoch, epochs, batch: b + 1, batches, step: optimizer.stepCount, totalSteps, runningLoss });
    }
    const validLoss = validationLoss();
    const metrics: EpochMetrics = {
      epoch,
      train_loss: (running / rows) * batchSize,
      valid_loss: validLoss,
      runtime: (performance.now() - start) / 1000,
    };
    if (!Number.isFinite(validLoss)) throw new DivergenceError(epoch, optimizer.stepCount, validLoss);
    history.push(metrics);
    logger?.log({ ...metrics });
    onEpoch?.(metrics);
  }
  logger?.finish();
  return { epochs: history, steps: optimizer.stepCount };
}

/** The work of one run, batch by batch. */
interface Steps {
  /** Forward, error, backward and optimizer step on batch b; returns the batch's mean squared error. */
  trainBatch(b: number): number;
  /** The validation split's mean squared error. */
  validLoss(): number;
}

/** Any layers and any optimizer: each layer's forward and backward, then optimizer.step. */
function layerByLayerSteps({ layers, optimizer, batchSize, train, valid }: TrainOptions): Steps {
  const batchViews = makeBatchViews(train.x, train.y, batchSize);
  const errors = new Map<number, Matrix>();
  return {
    trainBatch(b) {
      const { x, y } = batchViews[b]!;
      const predictions = forward(x, layers);
      const error = errorInto(predictions, y, errorBuffer(errors, y));
      optimizer.step(backward(error, layers), layers, batchSize);
      return meanSquaredError(predictions, y);
    },
    validLoss: () => meanSquaredError(forward(valid.x, layers), valid.y),
  };
}

/**
 * The fast path, same numbers: when every layer is a library Dense, the whole network runs in
 * one wasm call per batch (NetworkPlan), on data copied into wasm memory before the first
 * epoch, and a library optimizer updates every layer in one more call. A run of short batches
 * thus spends its first epochs in wasm instead of in not-yet-optimized JavaScript glue.
 * Null otherwise; an optimizer of the notebook's own still gets its `step` call.
 */
function wholeNetworkSteps({ layers, optimizer, batchSize, train, valid }: TrainOptions): Steps | null {
  // A batch larger than the split is one full batch: allocate for the rows that exist.
  const plan = NetworkPlan.build(layers, Math.max(Math.min(batchSize, train.x.rows), valid.x.rows));
  if (!plan) return null;
  const trainData = plan.load(train.x, train.y);
  const validData = plan.load(valid.x, valid.y);
  const rows = train.x.rows;
  const step = optimizer instanceof Optimizer ? optimizer.networkStep(layers) : null;
  return {
    trainBatch(b) {
      const start = b * batchSize;
      const loss = plan.trainBatch(trainData, start, Math.min(batchSize, rows - start));
      if (step) step(batchSize);
      else optimizer.step(plan.grads, layers, batchSize);
      return loss;
    },
    validLoss: () => plan.loss(validData),
  };
}

/** Row slices of the training split, made once: the batches are the same every epoch. */
function makeBatchViews(x: Matrix, y: Matrix, batchSize: number): Split[] {
  const views: Split[] = [];
  for (let start = 0; start < x.rows; start += batchSize) {
    views.push({ x: x.sliceRows(start, start + batchSize), y: y.sliceRows(start, start + batchSize) });
  }
  return views;
}

function errorBuffer(cache: Map<number, Matrix>, y: Matrix): Matrix {
  let m = cache.get(y.rows);
  if (!m) cache.set(y.rows, (m = Matrix.zeros(y.rows, y.cols)));
  return m;
}

function checkTrainOptions(o: TrainOptions): void {
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${o.batchSize}`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`epochs must be an integer >= 1, got ${o.epochs}`);
  if (o.train.x.rows !== o.train.y.rows) throw new RangeError(`train split: ${o.train.x.rows} x rows but ${o.train.y.rows} y rows`);
  if (o.valid.x.rows !== o.valid.y.rows) throw new RangeError(`valid split: ${o.valid.x.rows} x rows but ${o.valid.y.rows} y rows`);
  if (o.train.x.rows === 0) throw new RangeError("train split is empty");
}
