import { batchesPerEpoch, totalSteps } from "../../lesson/train/train";
import type { TrainConfig } from "../../lesson/train/config";

/**
 * Why `config`'s warmup cannot run on `rows` training rows (it is longer than the run), or null.
 * train and sweep both refuse such a config with this line before anything trains.
 */
export function warmupProblem(config: Pick<TrainConfig, "warmupSteps" | "batchSize" | "epochs">, rows: number): string | null {
  const steps = totalSteps(rows, config.batchSize, config.epochs);
  if (config.warmupSteps <= steps) return null;
  const batches = batchesPerEpoch(rows, config.batchSize);
  return `--warmup-steps must be at most the total number of steps (${steps} = ${config.epochs} epochs x ${batches} batches), got ${config.warmupSteps}`;
}
