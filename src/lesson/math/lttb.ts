/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keep `threshold` points of a line so that
 * it still looks like the line. The first and last points stay; each bucket in between keeps the
 * point forming the largest triangle with the point kept before it and the next bucket's average,
 * so spikes (a diverging batch) survive where plain striding would drop them.
 * The npm `downsample` package does the same, but as an extra dependency for 40 lines.
 */
export function lttb(x: readonly number[], y: readonly number[], threshold: number): { x: number[]; y: number[] } {
  const n = x.length;
  if (threshold >= n || threshold < 3) return { x: x.slice(), y: y.slice() };
  const outX = [x[0]!];
  const outY = [y[0]!];
  const bucket = (n - 2) / (threshold - 2);
  let kept = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const start = Math.floor(i * bucket) + 1;
    const end = Math.floor((i + 1) * bucket) + 1;
    // The next bucket's average point (the last point for the last bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((i + 2) * bucket) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x[j]!;
      avgY += y[j]!;
    }
    const count = nextEnd - nextStart;
    avgX = count > 0 ? avgX / count : x[n - 1]!;
    avgY = count > 0 ? avgY / count : y[n - 1]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((x[kept]! - avgX) * (y[j]! - y[kept]!) - (x[kept]! - x[j]!) * (avgY - y[kept]!));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    outX.push(x[best]!);
    outY.push(y[best]!);
    kept = best;
  }
  outX.push(x[n - 1]!);
  outY.push(y[n - 1]!);
  return { x: outX, y: outY };
}
