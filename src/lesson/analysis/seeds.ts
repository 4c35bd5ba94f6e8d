/**
 * Conclusions that survive another seed: measure a run over several initialisation seeds, report
 * the mean and spread, and name a winner only where the spread allows it.
 *
 * Two settings are compared on the same seeds, seed by seed (a paired comparison): the
 * difference a - b is measured per seed, and one setting wins when the 95% confidence interval
 * of the mean difference (Student's t, n - 1 degrees of freedom) lies wholly on one side of 0.
 * With five seeds the interval is mean ± 2.78 standard errors, so a gap must be large and
 * consistent before it counts.
 */

export interface SeedSpread {
  seeds: number[];
  /** The measured value for each seed, in the order of `seeds`. */
  values: number[];
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator). */
  std: number;
  min: number;
  max: number;
}

/** The first `n` seeds, 0 included (the numpy reference's), or the seeds given. */
function seedList(seeds: number | readonly number[]): number[] {
  const list = typeof seeds === "number" ? Array.from({ length: seeds }, (_, i) => i) : [...seeds];
  if (list.length < 2) throw new RangeError(`a spread needs at least 2 seeds, got ${list.length}`);
  if (new Set(list).size !== list.length) throw new RangeError(`seeds repeat: ${list.join(", ")}`);
  return list;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function sampleStd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) * (v - m), 0) / (values.length - 1));
}

/** `measure(seed)` for each seed (a count, or a list), with its mean and spread. */
export function overSeeds(seeds: number | readonly number[], measure: (seed: number) => number): SeedSpread {
  const list = seedList(seeds);
  const values = list.map((seed) => {
    const v = measure(seed);
    if (!Number.isFinite(v)) throw new RangeError(`seed ${seed} measured ${v}; every seed needs a finite value`);
    return v;
  });
  return { seeds: list, values, mean: mean(values), std: sampleStd(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function t95(degreesOfFreedom: number): number {
  return T95[degreesOfFreedom - 1] ?? 1.96;
}

export interface SeedComparison {
  /** Mean over seeds of a - b. */
  meanDifference: number;
  /** Half the width of its 95% confidence interval. */
  halfWidth: number;
  /** "a" or "b" when that one is lower on average beyond the interval, else "neither". */
  lower: "a" | "b" | "neither";
  /** How many seeds a was lower on. */
  aLowerOn: number;
  seeds: number;
}

/** Compares two spreads measured on the same seeds (lower is better, as for a loss). */
export function compareOverSeeds(a: SeedSpread, b: SeedSpread): SeedComparison {
  if (a.seeds.join() !== b.seeds.join()) throw new RangeError(`compare spreads over the same seeds: [${a.seeds}] against [${b.seeds}]`);
  const differences = a.values.map((v, i) => v - b.values[i]!);
  const meanDifference = mean(differences);
  const halfWidth = (t95(differences.length - 1) * sampleStd(differences)) / Math.sqrt(differences.length);
  const lower = meanDifference + halfWidth < 0 ? "a" : meanDifference - halfWidth > 0 ? "b" : "neither";
  return { meanDifference, halfWidth, lower, aLowerOn: differences.filter((d) => d < 0).length, seeds: differences.length };
}

/** "6.241 ± 0.052 (5 seeds, 6.180 to 6.310)": mean ± standard deviation, and the range. */
export function formatSpread(s: SeedSpread, digits = 3): string {
  return `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)} (${s.seeds.length} seeds, ${s.min.toFixed(digits)} to ${s.max.toFixed(digits)})`;
}

/** One sentence on which of two named settings is lower, or that the seeds do not say. */
export function describeComparison(nameA: string, nameB: string, c: SeedComparison, digits = 3): string {
  const gap = `${Math.abs(c.meanDifference).toFixed(digits)} ± ${c.halfWidth.toFixed(digits)}`;
  if (c.lower === "neither") return `no clear winner between ${nameA} and ${nameB}: the mean gap ${gap} (95%) includes 0; ${nameA} was lower on ${c.aLowerOn} of ${c.seeds} seeds`;
  const [win, lose] = c.lower === "a" ? [nameA, nameB] : [nameB, nameA];
  const on = c.lower === "a" ? c.aLowerOn : c.seeds - c.aLowerOn;
  return `${win} is lower than ${lose} by ${gap} (95%), on ${on} of ${c.seeds} seeds`;
}
