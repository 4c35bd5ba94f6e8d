/**
 * Fewer points for long line traces, chosen so the drawn shape stays the same: a 12,700-point
 * loss curve drawn 860 pixels wide shows no more than ~2,000 of its points, and storing all of
 * them makes a notebook hundreds of kilobytes heavier.
 */
import type { Figure, Trace } from "./figure";

/** Points kept per long line trace when a figure is stored (about two per pixel of a figure). */
export const STORED_POINTS = 2000;

/**
 * Largest-Triangle-Three-Buckets (Steinarson, 2013): keeps the first and last point and, from each
 * of `threshold - 2` equal buckets in between, the point making the largest triangle with the
 * point kept before it and the mean of the next bucket. Peaks and dips survive; flat runs thin out.
 * Returns the indices kept, in order. x must be non-decreasing.
 */
export function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number): number[] {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`lttbIndices: ${n} x values but ${y.length} y values`);
  if (!Number.isInteger(threshold) || threshold < 3) throw new RangeError(`lttbIndices: threshold must be an integer >= 3, got ${threshold}`);
  if (n <= threshold) return Array.from({ length: n }, (_, i) => i);
  const kept = [0];
  const bucket = (n - 2) / (threshold - 2);
  let a = 0;
  for (let b = 0; b < threshold - 2; b++) {
    const start = Math.floor(b * bucket) + 1;
    const end = Math.floor((b + 1) * bucket) + 1;
    // The mean of the next bucket (the last point for the last bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((b + 2) * bucket) + 1, n);
    let meanX = 0;
    let meanY = 0;
    const count = Math.max(nextEnd - nextStart, 1);
    if (nextStart >= n - 1 || b === threshold - 3) {
      meanX = x[n - 1]!;
      meanY = y[n - 1]!;
    } else {
      for (let i = nextStart; i < nextEnd; i++) {
        meanX += x[i]!;
        meanY += y[i]!;
      }
      meanX /= count;
      meanY /= count;
    }
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((x[a]! - meanX) * (y[i]! - y[a]!) - (x[a]! - x[i]!) * (meanY - y[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}

function numeric(values: unknown): values is number[] {
  return Array.isArray(values) && values.every((v) => typeof v === "number");
}

/**
 * A copy of `figure` whose line traces with more than `maxPoints` numeric points are thinned
 * by LTTB; other traces (markers, contours, bars, date axes) are kept as they are.
 */
export function downsampleFigure(figure: Figure, maxPoints = STORED_POINTS): Figure {
  const data = figure.data.map((trace): Trace => {
    const { x, y, mode } = trace as { x?: unknown; y?: unknown; mode?: unknown };
    const isLine = trace.type === "scatter" && typeof mode === "string" && mode.includes("lines") && !mode.includes("text");
    if (!isLine || !numeric(x) || !numeric(y) || x.length <= maxPoints) return trace;
    for (let i = 1; i < x.length; i++) if (!(x[i]! >= x[i - 1]!)) return trace; // LTTB needs sorted x
    const kept = lttbIndices(x, y, maxPoints);
    return { ...trace, x: kept.map((i) => x[i]!), y: kept.map((i) => y[i]!) };
  });
  return { ...figure, data };
}
