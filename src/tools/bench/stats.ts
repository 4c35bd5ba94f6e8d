/** The middle value of the samples (the mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError("median of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Relative difference |a - b| / |b| (b is the reference). */
export function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.abs(b);
}

/**
 * Seconds a run spent above its steady pace: total time minus epochs x the median epoch time.
 * The first epochs pay for compilation (V8's JIT) or lazy set-up; later ones run at the steady
 * rate, so this is the time lost to warming up.
 */
export function warmupSeconds(epochRuntimes: readonly number[]): number {
  const total = epochRuntimes.reduce((s, t) => s + t, 0);
  return Math.max(0, total - epochRuntimes.length * median(epochRuntimes));
}
