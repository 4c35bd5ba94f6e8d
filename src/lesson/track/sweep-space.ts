import { NumpyRandom } from "../math/random";
import type { TrainConfig } from "../train/config";

/**
 * Which runs a sweep makes. A grid tries every combination of the listed values; a random search
 * draws `count` runs, each value picked from its list or, for a range `{ min, max }`, drawn
 * log-uniformly (learning rates and decays spread over powers of ten) when min > 0.
 */
export type SweepValues = readonly unknown[] | { min: number; max: number; integer?: boolean };

/** Every combination of `axes`, each merged over `base`, in order (the last axis varies fastest). */
export function gridConfigs(base: Partial<TrainConfig>, axes: Record<string, readonly unknown[]>): Array<Partial<TrainConfig>> {
  let configs: Array<Record<string, unknown>> = [{ ...base }];
  for (const [key, values] of Object.entries(axes)) {
    if (!Array.isArray(values) || values.length === 0) throw new RangeError(`gridConfigs: "${key}" needs a non-empty list of values`);
    configs = configs.flatMap((config) => values.map((value) => ({ ...config, [key]: value })));
  }
  return configs as Array<Partial<TrainConfig>>;
}

/** `count` configs drawn from `axes` with a seeded generator: the same seed gives the same runs. */
export function randomConfigs(base: Partial<TrainConfig>, axes: Record<string, SweepValues>, count: number, seed = 0): Array<Partial<TrainConfig>> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`randomConfigs: count must be a whole number >= 1, got ${count}`);
  const random = new NumpyRandom(seed);
  return Array.from({ length: count }, () => {
    const config: Record<string, unknown> = { ...base };
    for (const [key, values] of Object.entries(axes)) config[key] = draw(key, values, random);
    return config as Partial<TrainConfig>;
  });
}

function draw(key: string, values: SweepValues, random: NumpyRandom): unknown {
  if (Array.isArray(values)) {
    if (values.length === 0) throw new RangeError(`randomConfigs: "${key}" needs a non-empty list of values`);
    return values[Math.floor(random.random() * values.length)];
  }
  const { min, max, integer } = values as { min: number; max: number; integer?: boolean };
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) throw new RangeError(`randomConfigs: "${key}" range needs finite min <= max, got ${min}..${max}`);
  const u = random.random();
  if (integer) return Math.floor(min + u * (max - min + 1));
  return min > 0 ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
}

/** A run's name from what varies in the sweep: "lr=0.001 schedule=linear". */
export function sweepRunName(config: Partial<TrainConfig>, varying: readonly string[]): string {
  const parts = varying.map((key) => `${key}=${formatValue((config as Record<string, unknown>)[key])}`);
  return parts.length > 0 ? parts.join(" ") : "run";
}

/** Keys whose values differ between configs. */
export function varyingKeys(configs: ReadonlyArray<Partial<TrainConfig>>): string[] {
  const keys = [...new Set(configs.flatMap((c) => Object.keys(c)))];
  return keys.filter((k) => new Set(configs.map((c) => JSON.stringify((c as Record<string, unknown>)[k]))).size > 1);
}

function formatValue(value: unknown): string {
  return typeof value === "number" ? String(Number(value.toPrecision(4))) : String(value);
}
