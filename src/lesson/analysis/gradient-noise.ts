import { Matrix } from "../math/matrix";
import { NumpyRandom } from "../math/random";
import type { Dense } from "../nn/dense";
import { backward, forward } from "../nn/network";

export interface Rows {
  x: Matrix;
  y: Matrix;
}

/**
 * The gradient an optimizer would use for these rows, every parameter in one flat array (layer by
 * layer, weights then bias): the weight gradient averaged over the rows, the bias gradient as is.
 */
export function meanGradient(layers: readonly Dense[], rows: Rows): Float64Array {
  const grads = backward(forward(rows.x, layers).sub(rows.y), layers);
  const parts = grads.flatMap((g) => [g.weights.div(rows.x.rows).data, Float64Array.from(g.bias.data)]);
  const flat = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    flat.set(p, offset);
    offset += p.length;
  }
  return flat;
}

/** The rows at the given indices, in that order. */
export function pickRows(rows: Rows, indices: readonly number[]): Rows {
  const take = (m: Matrix) => {
    const out = new Matrix(indices.length, m.cols);
    indices.forEach((r, i) => out.data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
    return out;
  };
  return { x: take(rows.x), y: take(rows.y) };
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) * (a[i]! - b[i]!);
  return sum;
}

export interface NoiseAtBatchSize {
  batchSize: number;
  /** Mean over random batches of |g_batch - g_full|^2, batches of distinct rows drawn at random. */
  randomBatches: number;
  /** The same over the consecutive batches an epoch uses (file order; a short last batch left out). */
  consecutiveBatches: number;
  /** What sampling theory predicts for random batches: (sigma^2 / B) (N - B) / (N - 1). */
  predicted: number;
}

export interface GradientNoise {
  /** |g_full|^2: the size of the signal the noise is compared with. */
  signal: number;
  /** sigma^2, the mean over single rows of |g_row - g_full|^2. */
  perRowVariance: number;
  rows: number;
  bySize: NoiseAtBatchSize[];
}

/**
 * How far a minibatch gradient lands from the full-batch gradient, for several batch sizes, at the
 * network's current weights. Random batches follow sampling theory; consecutive batches of a time
 * series hold similar weeks, so they can be noisier than their size suggests.
 */
export function gradientNoise(layers: readonly Dense[], data: Rows, batchSizes: readonly number[], options: { draws?: number; seed?: number } = {}): GradientNoise {
  const n = data.x.rows;
  const draws = options.draws ?? 200;
  const random = new NumpyRandom(options.seed ?? 0);
  const full = meanGradient(layers, data);
  let perRowVariance = 0;
  for (let r = 0; r < n; r++) perRowVariance += squaredDistance(meanGradient(layers, pickRows(data, [r])), full) / n;
  const bySize = batchSizes.map((batchSize) => {
    if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= n)) {
      throw new RangeError(`gradientNoise: batch sizes must be whole numbers from 1 to ${n}, got ${batchSize}`);
    }
    let randomBatches = 0;
    for (let d = 0; d < draws; d++) randomBatches += squaredDistance(meanGradient(layers, pickRows(data, sampleRows(random, n, batchSize))), full) / draws;
    const starts = Array.from({ length: Math.floor(n / batchSize) }, (_, b) => b * batchSize);
    let consecutiveBatches = 0;
    for (const s of starts) {
      const rows = { x: data.x.sliceRows(s, s + batchSize), y: data.y.sliceRows(s, s + batchSize) };
      consecutiveBatches += squaredDistance(meanGradient(layers, rows), full) / starts.length;
    }
    const predicted = n === 1 ? 0 : (perRowVariance / batchSize) * ((n - batchSize) / (n - 1));
    return { batchSize, randomBatches, consecutiveBatches, predicted };
  });
  return { signal: squaredDistance(full, new Float64Array(full.length)), perRowVariance, rows: n, bySize };
}

/** `count` distinct row indices out of `n`, uniformly at random (a partial Fisher-Yates shuffle). */
function sampleRows(random: NumpyRandom, n: number, count: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random.random() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, count);
}
