import type { SnakeCaseConfig } from "../../lesson/train/snake-case";
import type { EpochMetrics } from "../../lesson/train/hooks";

/**
 * One training run as every contender receives it: the same config keys as the numpy
 * reference, the layer widths (ReLU after every layer but the last) and how many times the
 * training rows are repeated. It travels to the worker process as one JSON argument.
 */
export interface Job {
  csv: string;
  config: SnakeCaseConfig;
  widths: number[];
  tile: number;
}

/** What a worker prints on stdout: the per-epoch metrics, as `npm run train -- --json` does. */
export interface JobOutput {
  epochs: EpochMetrics[];
}

/** Read the job a worker was started with (argv[2]), failing with a message that says what is wrong. */
export function jobFromArgv(argv: readonly string[]): Job {
  const raw = argv[2];
  if (raw === undefined) throw new Error("worker: expected one argument, the job as JSON");
  const job = JSON.parse(raw) as Partial<Job>;
  for (const key of ["csv", "config", "widths", "tile"] as const) {
    if (job[key] === undefined) throw new Error(`worker: the job has no "${key}"`);
  }
  return job as Job;
}

/** Check a worker's stdout and return the parsed output. */
export function parseJobOutput(stdout: string, who: string): JobOutput {
  let out: unknown;
  try {
    out = JSON.parse(stdout);
  } catch {
    throw new Error(`${who}: stdout is not JSON: ${stdout.slice(0, 200)}`);
  }
  const epochs = (out as Partial<JobOutput>).epochs;
  if (!Array.isArray(epochs) || epochs.length === 0) throw new Error(`${who}: output has no "epochs" list`);
  for (const e of epochs) {
    for (const key of ["train_loss", "valid_loss", "runtime"] as const) {
      if (typeof e[key] !== "number") throw new Error(`${who}: epoch ${e.epoch} has no numeric "${key}"`);
    }
  }
  return { epochs };
}
