/**
 * The lesson's training run written the idiomatic TensorFlow.js way, on its CPU backend:
 * parameters are tf.variables, gradients come from tf.variableGrads, and tf.train's optimizers
 * apply them where their update is the lesson's.
 *
 * Matching the lesson's arithmetic (float32 here, float64 in the lesson):
 * - The lesson's weight gradient is sum over the batch / batch_size, i.e. the gradient of
 *   0.5 * sum((pred - y)^2) / batch_size. Its bias gradient is the mean over the rows actually
 *   present, which differs only for the short last batch: there the bias gradients are scaled
 *   by batch_size / rows.
 * - tf.train.sgd is p -= lr * g, the lesson's SGD.
 * - tf.train.momentum is a = m a + g; p -= lr a. With a constant learning rate that is the
 *   lesson's v = m v - lr g; p += v with v = -lr a.
 * - tf.train.adam adds epsilon to sqrt(v_hat), as the lesson does. tfjs has no AdamW, so the
 *   decoupled weight decay W -= lr * wd * W (weights only) is done by hand before the Adam step.
 */
import * as tf from "@tensorflow/tfjs";
import type { HousePrices } from "../../lesson/data/house-prices";
import { Dense } from "../../lesson/nn/dense";
import type { SnakeCaseConfig } from "../../lesson/train/snake-case";
import type { EpochMetrics } from "../../lesson/train/hooks";
import type { Job } from "./job";
import { tileRows } from "./tile";

interface TfLayer {
  weights: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R2>;
  relu: boolean;
}

/** The same seeded start as the lesson (numpy's generator, seed 0 per layer), in float32. */
function makeLayers(widths: readonly number[]): TfLayer[] {
  return widths.slice(1).map((out, i) => {
    const start = new Dense(widths[i]!, out);
    return {
      weights: tf.variable(tf.tensor2d(Float32Array.from(start.weights.data), [widths[i]!, out]), true, `dense${i}/weights`),
      bias: tf.variable(tf.ones([1, out]), true, `dense${i}/bias`),
      relu: i < widths.length - 2,
    };
  });
}

function predict(x: tf.Tensor2D, layers: readonly TfLayer[]): tf.Tensor2D {
  let h = x;
  for (const layer of layers) {
    const z = tf.add<tf.Tensor2D>(tf.matMul(h, layer.weights), layer.bias);
    h = layer.relu ? tf.relu(z) : z;
  }
  return h;
}

function makeOptimizer(config: SnakeCaseConfig): tf.Optimizer {
  if (config.schedule !== "constant") throw new RangeError(`tfjs contender: only a constant learning rate is written, got schedule "${config.schedule}"`);
  switch (config.optimizer) {
    case "sgd": return tf.train.sgd(config.lr);
    case "momentum": return tf.train.momentum(config.lr, config.momentum);
    case "adam":
    case "adamw": return tf.train.adam(config.lr, config.beta1, config.beta2, config.eps);
    default: throw new RangeError(`tfjs contender: unknown optimizer "${String(config.optimizer)}"`);
  }
}

/** The training rows cut into batches once, in file order (the last batch may be short). */
function batches(x: tf.Tensor2D, y: tf.Tensor2D, batchSize: number): { x: tf.Tensor2D; y: tf.Tensor2D; rows: number }[] {
  const out = [];
  for (let start = 0; start < x.shape[0]; start += batchSize) {
    const rows = Math.min(batchSize, x.shape[0] - start);
    out.push({ x: tf.slice(x, [start, 0], [rows, -1]), y: tf.slice(y, [start, 0], [rows, -1]), rows });
  }
  return out;
}

const toTensor = (m: { rows: number; cols: number; data: Float64Array }) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);

/** Train as the job says and return the per-epoch metrics, timed like the src engine's. */
export async function trainWithTfjs(job: Job, data: HousePrices): Promise<EpochMetrics[]> {
  await tf.setBackend("cpu");
  const { config } = job;
  const batchSize = config.batch_size;
  const trainX = toTensor(tileRows(data.train.x, job.tile));
  const trainY = toTensor(tileRows(data.train.y, job.tile));
  const validX = toTensor(data.valid.x);
  const validY = toTensor(data.valid.y);
  const layers = makeLayers(job.widths);
  const optimizer = makeOptimizer(config);
  const decay = config.optimizer === "adamw" ? config.lr * config.weight_decay : 0;
  const trainBatches = batches(trainX, trainY, batchSize);

  const history: EpochMetrics[] = [];
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const start = performance.now();
    let running = 0;
    for (const batch of trainBatches) {
      // forward and backward: value is 0.5 * sum of squared errors / batch_size
      const { value, grads } = tf.variableGrads(() =>
        tf.mul(tf.sum(tf.square(tf.sub(predict(batch.x, layers), batch.y))), 0.5 / batchSize) as tf.Scalar);
      if (batch.rows < batchSize) {
        for (const layer of layers) {
          const g = grads[layer.bias.name]!;
          grads[layer.bias.name] = tf.mul(g, batchSize / batch.rows);
          g.dispose();
        }
      }
      // update
      if (decay > 0) tf.tidy(() => layers.forEach((l) => l.weights.assign(tf.sub(l.weights, tf.mul(l.weights, decay)))));
      optimizer.applyGradients(grads);
      running += (value.dataSync()[0]! * 2 * batchSize) / batch.rows; // this batch's mean squared error
      tf.dispose([value, ...Object.values(grads)]);
    }
    const validLoss = tf.tidy(() => tf.mean(tf.square(tf.sub(predict(validX, layers), validY))).dataSync()[0]!);
    history.push({
      epoch,
      train_loss: (running / trainX.shape[0]) * batchSize,
      valid_loss: validLoss,
      runtime: (performance.now() - start) / 1000,
    });
  }
  tf.dispose([trainX, trainY, validX, validY, ...trainBatches.flatMap((b) => [b.x, b.y])]);
  layers.forEach((l) => tf.dispose([l.weights, l.bias]));
  optimizer.dispose();
  return history;
}

/** The backend in use and the tfjs version, for the benchmark's record. */
export function tfjsInfo(): { version: string; backend: string } {
  return { version: tf.version.tfjs, backend: tf.getBackend() };
}
