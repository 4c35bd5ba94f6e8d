import { spawnSync } from "node:child_process";
import type { Contender } from "./contenders";
import { type Job, parseJobOutput } from "./job";
import { median, warmupSeconds } from "./stats";

/** One timed repetition: a fresh process trains the job; the time is its epochs' runtimes summed. */
export interface Repetition {
  /** From the start of epoch 0 to the end of the last epoch (validation passes included). */
  seconds: number;
  firstEpochSeconds: number;
  medianEpochSeconds: number;
  warmupSeconds: number;
  finalTrainLoss: number;
  finalValidLoss: number;
}

const TEN_MINUTES = 600_000;

export function runRepetition(contender: Contender, job: Job): Repetition {
  const { file, args, env } = contender.command(job);
  const who = `${contender.name} ${job.config.optimizer} batch size ${job.config.batch_size}`;
  const child = spawnSync(file, args, { encoding: "utf8", env, timeout: TEN_MINUTES, maxBuffer: 64 * 1024 * 1024 });
  if (child.error) throw new Error(`${who}: could not run ${file}: ${child.error.message}`);
  if (child.status !== 0) throw new Error(`${who}: exited with ${child.status ?? child.signal}: ${child.stderr.trim().slice(-2000)}`);
  const { epochs } = parseJobOutput(child.stdout, who);
  if (epochs.length !== job.config.epochs) throw new Error(`${who}: ran ${epochs.length} epochs, expected ${job.config.epochs}`);
  const runtimes = epochs.map((e) => e.runtime);
  const last = epochs.at(-1)!;
  return {
    seconds: runtimes.reduce((s, t) => s + t, 0),
    firstEpochSeconds: runtimes[0]!,
    medianEpochSeconds: median(runtimes),
    warmupSeconds: warmupSeconds(runtimes),
    finalTrainLoss: last.train_loss,
    finalValidLoss: last.valid_loss,
  };
}
