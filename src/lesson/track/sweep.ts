import { fork } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { NumpyRandom } from "../math/random";
import { housePricesCsv } from "../paths";
import { withDefaults, type TrainConfig } from "../train/config";
import type { EpochMetrics } from "../train/hooks";
import { markAbandonedRunFailed } from "./abandoned";
import { checkSegment, newRunId, runsRoot } from "./layout";

/**
 * A hyperparameter sweep, run locally: every config trained in worker processes spread over the
 * cores, every run tracked under one sweep id (the dashboard's sweep view plots them together).
 * The numbers are the same as runConfig's in this process: each run starts from the same seeded
 * network, and the workers run the same code.
 */
export interface SweepOptions {
  project: string;
  /** The runs: partial configs over the defaults (see gridConfigs and randomConfigs). */
  configs: ReadonlyArray<Partial<TrainConfig>>;
  /** Runs root; defaults as in initRun. */
  dir?: string;
  /** Dataset CSV each worker loads (default: the lesson's). */
  data?: string;
  /** Worker processes (default: one per core, at most one per run). */
  workers?: number;
  /**
   * A function each worker calls before its first run: `require(module)[call]()`. The package
   * entry and the sweep CLI pass the engine's `useEngine` here, so workers train on the fast
   * path as the caller does (src/lesson cannot import the engine itself). The numbers are the
   * same either way.
   */
  setup?: { module: string; call: string };
  /** Called as each run ends, in the order they end. */
  onRun?: (run: SweepRun, done: number, total: number) => void;
}

export interface SweepRun {
  config: TrainConfig;
  name: string;
  runId: string;
  state: "finished" | "failed";
  /** Why a failed run failed (diverged, an exception). */
  reason?: string;
  epochs: EpochMetrics[];
}

export interface SweepResult {
  id: string;
  project: string;
  /** The swept keys: those whose values differ between the configs. */
  params: string[];
  /** In the order of `configs`. */
  runs: SweepRun[];
}

/** What a worker receives. */
export interface SweepJob {
  index: number;
  setup?: { module: string; call: string };
  project: string;
  name: string;
  config: TrainConfig;
  dir: string;
  data: string;
  sweep: string;
}

const workerFile = path.join(__dirname, "sweep-worker.js");

export function runSweep(options: SweepOptions): Promise<SweepResult> {
  const project = checkSegment("runSweep: project", options.project);
  if (!Array.isArray(options.configs) || options.configs.length === 0) return Promise.reject(new RangeError("runSweep: configs must be a non-empty list"));
  const params = varyingKeys(options.configs);
  const id = newRunId();
  const jobs: SweepJob[] = options.configs.map((config, index) => ({
    index, project, name: sweepRunName(config, params), config: withDefaults(config),
    dir: runsRoot(options.dir), data: path.resolve(options.data ?? housePricesCsv), sweep: id,
    ...(options.setup ? { setup: options.setup } : {}),
  }));
  const count = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), jobs.length));
  if (!Number.isInteger(count)) return Promise.reject(new RangeError(`runSweep: workers must be a whole number, got ${options.workers}`));
  const runs: SweepRun[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    const finish = (index: number, run: SweepRun) => {
      runs[index] = run;
      done += 1;
      options.onRun?.(run, done, jobs.length);
      if (done === jobs.length) resolve({ id, project, params, runs });
    };
    /** A worker takes the next job whenever it is free, and leaves when none is left. */
    const startWorker = () => {
      const worker = fork(workerFile, [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
      let current: SweepJob | null = null;
      const give = () => {
        current = next < jobs.length ? jobs[next++]! : null;
        if (current) worker.send(current);
        else worker.disconnect();
      };
      /** The id of the current job's run, once the worker has created it. */
      let startedRun = "";
      worker.on("message", (message: (Omit<SweepRun, "config" | "name"> & { index: number }) | { started: string }) => {
        if ("started" in message) {
          startedRun = message.started;
          return;
        }
        startedRun = "";
        const job = jobs[message.index]!;
        const run: SweepRun = { config: job.config, name: job.name, runId: message.runId, state: message.state, epochs: message.epochs };
        if (message.reason !== undefined) run.reason = message.reason;
        current = null;
        finish(message.index, run);
        give();
      });
      const lost = (why: string) => {
        if (current === null) return;
        // A worker that died mid-run (out of memory, killed): that run failed; a new worker goes on.
        const job: SweepJob = current;
        current = null;
        const runId = startedRun;
        startedRun = "";
        let reason = why;
        if (runId !== "") {
          try {
            markAbandonedRunFailed(job.dir, job.project, runId, why);
          } catch (error) {
            reason = `${why}; its run could not be marked failed on disk: ${(error as Error).message}`;
          }
        }
        finish(job.index, { config: job.config, name: job.name, runId, state: "failed", reason, epochs: [] });
        if (next < jobs.length) startWorker();
      };
      worker.on("exit", (code, signal) => lost(`worker process ended (${signal ?? `exit code ${code}`})`));
      worker.on("error", (error) => lost(`worker process failed: ${error.message}`)); // never an uncaught error in the caller's process
      give();
    };
    for (let w = 0; w < count; w++) startWorker();
  });
}

/**
 * Which runs a sweep makes. A grid tries every combination of the listed values; a random search
 * draws `count` runs, each value picked from its list or, for a range `{ min, max }`, drawn
 * log-uniformly (learning rates and decays spread over powers of ten) when min > 0.
 */
export type SweepValues = readonly unknown[] | { min: number; max: number; integer?: boolean };

/** Most runs one sweep may have: counted before any config is built, so a typo cannot exhaust memory. */
export const maxSweepRuns = 10_000;

/**
 * Every combination of `axes`, each merged over `base`, in order (the last axis varies fastest).
 * A grid of more than maxSweepRuns runs is refused before it is built.
 */
export function gridConfigs(base: Partial<TrainConfig>, axes: Record<string, readonly unknown[]>): Array<Partial<TrainConfig>> {
  let count = 1;
  for (const [key, values] of Object.entries(axes)) {
    if (!Array.isArray(values) || values.length === 0) throw new RangeError(`gridConfigs: "${key}" needs a non-empty list of values`);
    count *= values.length;
  }
  if (count > maxSweepRuns) {
    const sizes = Object.entries(axes).map(([key, values]) => `${key} ${values.length.toLocaleString("en-US")}`).join(" × ");
    throw new RangeError(`gridConfigs: the grid has ${count.toLocaleString("en-US")} runs (${sizes}), over the limit of ${maxSweepRuns.toLocaleString("en-US")}`);
  }
  let configs: Array<Record<string, unknown>> = [{ ...base }];
  for (const [key, values] of Object.entries(axes)) {
    configs = configs.flatMap((config) => values.map((value) => ({ ...config, [key]: value })));
  }
  return configs as Array<Partial<TrainConfig>>;
}

/** `count` configs drawn from `axes` with a seeded generator: the same seed gives the same runs. */
export function randomConfigs(base: Partial<TrainConfig>, axes: Record<string, SweepValues>, count: number, seed = 0): Array<Partial<TrainConfig>> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`randomConfigs: count must be a whole number >= 1, got ${count}`);
  if (count > maxSweepRuns) throw new RangeError(`randomConfigs: ${count} runs, over the limit of ${maxSweepRuns.toLocaleString("en-US")}`);
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

/** A run's name from what varies in the sweep, keys spelt as tracked configs spell them: "lr=0.001 batch_size=16". */
export function sweepRunName(config: Partial<TrainConfig>, varying: readonly string[]): string {
  const parts = varying.map((key) => `${snakeCase(key)}=${formatValue((config as Record<string, unknown>)[key])}`);
  return parts.length > 0 ? parts.join(" ") : "run";
}

/** Keys whose values differ between configs. */
export function varyingKeys(configs: ReadonlyArray<Partial<TrainConfig>>): string[] {
  const keys = [...new Set(configs.flatMap((c) => Object.keys(c)))];
  return keys.filter((k) => new Set(configs.map((c) => JSON.stringify((c as Record<string, unknown>)[k]))).size > 1);
}

/** batchSize -> batch_size: the spelling of tracked configs and of the CLI's JSON. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function formatValue(value: unknown): string {
  return typeof value === "number" ? String(Number(value.toPrecision(4))) : String(value);
}
