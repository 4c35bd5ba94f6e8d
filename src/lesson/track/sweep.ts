import { fork } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { housePricesCsv } from "../paths";
import { withDefaults, type TrainConfig } from "../train/config";
import type { EpochMetrics } from "../train/hooks";
import { runsRoot } from "./layout";
import { checkSegment } from "./names";
import { newRunId } from "./run-id";
import { sweepRunName, varyingKeys } from "./sweep-space";

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
      worker.on("message", (message: Omit<SweepRun, "config" | "name"> & { index: number }) => {
        const job = jobs[message.index]!;
        const run: SweepRun = { config: job.config, name: job.name, runId: message.runId, state: message.state, epochs: message.epochs };
        if (message.reason !== undefined) run.reason = message.reason;
        current = null;
        finish(message.index, run);
        give();
      });
      worker.on("exit", (code, signal) => {
        if (current === null) return;
        // A worker that died mid-run (out of memory, killed): that run failed; a new worker goes on.
        const job: SweepJob = current;
        current = null;
        finish(job.index, { config: job.config, name: job.name, runId: "", state: "failed", reason: `worker process ended (${signal ?? `exit code ${code}`})`, epochs: [] });
        if (next < jobs.length) startWorker();
      });
      give();
    };
    for (let w = 0; w < count; w++) startWorker();
  });
}
