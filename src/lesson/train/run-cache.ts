/**
 * A run trained once per kernel and reused: `trainCached(config)` trains the lesson's network with
 * the run a config describes the first time it is asked for, and hands back the same result every
 * later time, in any cell. The key is the whole config with its defaults filled in, the data set and
 * the initialisation seed, so two cells asking for SGD at batch 32 and lr 1e-4 share one run, and
 * changing any setting or the seed trains a new one.
 * A run that diverged is remembered too: asking again throws the same DivergenceError.
 */
import type { HousePrices } from "../data/house-prices";
import { type RunOptions, type TrainConfig, runConfig, withDefaults } from "./config";
import type { TrainResult } from "./train";

export type CachedRun = Readonly<TrainResult & { config: TrainConfig }>;

const results = new Map<string, CachedRun | { error: unknown }>();
const dataIds = new WeakMap<HousePrices, number>();
let nextDataId = 1;
let trained = 0;

/** The config as a key: its keys sorted, so { lr, optimizer } and { optimizer, lr } are one run. */
export function configKey(config: object): string {
  const entries = Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** The default data set, or which data set object (each gets a number the first time it is seen). */
function dataKey(data: HousePrices | undefined): string {
  if (!data) return "default";
  let id = dataIds.get(data);
  if (id === undefined) dataIds.set(data, (id = nextDataId++));
  return `data#${id}`;
}

/**
 * The result of training with `partial` (defaults filled in), trained now if this kernel has not
 * trained it yet. `options.onProgress`/`onEpoch` are called only when it actually trains; a
 * logger is not allowed, since a reused run would log nothing (track a run with `runConfig`).
 * Treat the result as read-only: every caller shares it.
 */
export function trainCached(partial: Partial<TrainConfig>, options: Omit<RunOptions, "logger"> = {}): CachedRun {
  const config = withDefaults(partial);
  const key = `${dataKey(options.data)} seed ${options.seed ?? 0} ${configKey(config)}`;
  let entry = results.get(key);
  if (!entry) {
    try {
      trained += 1;
      entry = Object.freeze(runConfig(config, options));
    } catch (error) {
      entry = { error };
    }
    results.set(key, entry);
  }
  if ("error" in entry) throw entry.error;
  return entry;
}

/** How many runs this kernel has trained through the cache, and how many it holds. */
export function runCacheStats(): { trained: number; cached: number } {
  return { trained, cached: results.size };
}

/** Forget every cached run (e.g. after changing the library's code in a long session). */
export function clearRunCache(): void {
  results.clear();
  trained = 0;
}
