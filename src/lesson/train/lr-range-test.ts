/**
 * The learning-rate range test (Leslie Smith, 2015; fast.ai's `lr_find`): one short run from the
 * network's starting point in which the learning rate grows exponentially from tiny to huge, one
 * step at a time, while the loss is recorded. The loss first barely moves (the rate is too small
 * to matter), then falls (useful rates), then shoots up (too large). A good rate to train with
 * sits on the falling part, below where the loss is lowest.
 *
 * fast.ai records each batch's loss and smooths it, because a pass over a large training set costs
 * too much. Here a pass over all 505 training rows costs about as much as a few batches, and in
 * file order the batches differ wildly (each covers different weeks), so after every step this
 * version measures the loss on the whole training split: a clean curve without smoothing.
 */
import { loadHousePrices, type HousePrices } from "../data/house-prices";
import type { Dense } from "../nn/dense";
import { errorInto, meanSquaredError } from "../nn/loss";
import { backward, createNetwork, forward } from "../nn/network";
import type { Optimizer } from "../optim/optimizer";
import type { Schedule } from "../optim/schedule";
import type { Matrix } from "../math/matrix";
import { layerParameters } from "./parameters";
import { pow } from "../math/pow";

export interface RangeTestOptions {
  /** First and last learning rate (default 1e-7 and 10). */
  minLr?: number;
  maxLr?: number;
  /** Optimizer steps over which the rate grows from minLr to maxLr (default 100). */
  steps?: number;
  /** Rows per batch, in file order, epoch after epoch (default 32). */
  batchSize?: number;
  /** Stop once the loss exceeds this multiple of its lowest value (default 4). */
  stopFactor?: number;
  /** The optimizer, given the rate schedule (default: the library's SGD). */
  optimizer: (lr: Schedule) => Optimizer;
  network?: () => Dense[];
  data?: HousePrices;
}

export interface RangeTestPoint {
  step: number;
  lr: number;
  /** The mean squared error over the whole training split after this step's update. */
  loss: number;
}

export interface RangeTestResult {
  points: RangeTestPoint[];
  /** Where the loss was lowest. */
  lowest: RangeTestPoint;
  /**
   * Where the loss fell fastest per factor of learning rate (the steepest descent), before the
   * lowest point: measured on the lowest loss so far, over a window of steps/40 steps on each side.
   */
  steepest: RangeTestPoint;
  /** Why the test ended: it reached maxLr, or the loss blew up. */
  stopped: "reached maxLr" | "loss exploded";
}

/** lr at step s (1-based): minLr * (maxLr / minLr)^((s - 1) / (steps - 1)). */
export function exponentialRamp(minLr: number, maxLr: number, steps: number): Schedule {
  if (!(minLr > 0 && maxLr > minLr)) throw new RangeError(`exponentialRamp: need 0 < minLr < maxLr, got ${minLr} and ${maxLr}`);
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`exponentialRamp: steps must be an integer >= 2, got ${steps}`);
  return (step) => minLr * pow(maxLr / minLr, (step - 1) / (steps - 1));
}

export function lrRangeTest(options: RangeTestOptions): RangeTestResult {
  const minLr = options.minLr ?? 1e-7;
  const maxLr = options.maxLr ?? 10;
  const steps = options.steps ?? 100;
  const batchSize = options.batchSize ?? 32;
  const stopFactor = options.stopFactor ?? 4;
  const data = options.data ?? loadHousePrices();
  const layers = (options.network ?? createNetwork)();
  const schedule = exponentialRamp(minLr, maxLr, steps);
  const optimizer = options.optimizer(schedule);
  const { x: allX, y: allY } = data.train;
  const rows = allX.rows;
  const batches = Math.ceil(rows / batchSize);
  const points: RangeTestPoint[] = [];
  let best = meanSquaredError(forward(allX, layers), allY);
  let stopped: RangeTestResult["stopped"] = "reached maxLr";
  for (let step = 1; step <= steps; step++) {
    const start = ((step - 1) % batches) * batchSize;
    const x: Matrix = allX.sliceRows(start, Math.min(start + batchSize, rows));
    const y: Matrix = allY.sliceRows(start, Math.min(start + batchSize, rows));
    const predictions = forward(x, layers);
    optimizer.step(layerParameters(layers, backward(errorInto(predictions, y, predictions.clone()), layers), batchSize));
    const loss = meanSquaredError(forward(allX, layers), allY);
    if (!Number.isFinite(loss) || loss > stopFactor * best) {
      stopped = "loss exploded";
      break;
    }
    best = Math.min(best, loss);
    points.push({ step, lr: schedule(step), loss });
  }
  if (points.length < 2) throw new Error(`lrRangeTest: the loss exploded within two steps (minLr ${minLr} is too large)`);
  const lowest = points.reduce((a, b) => (b.loss < a.loss ? b : a));
  // Where the lowest loss so far fell fastest against log10(lr), over a window of steps on each
  // side. The lowest-so-far curve ignores the spikes (one overshooting batch, then recovery)
  // whose recoveries would otherwise look like the steepest falls.
  const w = Math.max(1, Math.round(steps / 40));
  const bestSoFar: number[] = [];
  for (const p of points) bestSoFar.push(Math.min(p.loss, bestSoFar.at(-1) ?? Infinity));
  let steepest = points[0]!;
  let steepestSlope = Infinity;
  for (let i = 0; i <= points.indexOf(lowest); i++) {
    const [a, b] = [Math.max(0, i - w), Math.min(points.length - 1, i + w)];
    if (a === b) continue;
    const slope = (bestSoFar[b]! - bestSoFar[a]!) / (Math.log10(points[b]!.lr) - Math.log10(points[a]!.lr));
    if (slope < steepestSlope) {
      steepestSlope = slope;
      steepest = points[i]!;
    }
  }
  return { points, lowest, steepest, stopped };
}
