import type { TrainConfig } from "./config";

/**
 * A config with the numpy reference's snake_case keys (batch_size, weight_decay,
 * warmup_steps): the spelling of the Python lesson, its fixtures and the CLI's JSON output.
 * TypeScript code uses TrainConfig's camelCase; these two functions are the only crossing.
 */
export interface SnakeCaseConfig {
  optimizer: TrainConfig["optimizer"];
  lr: number;
  batch_size: number;
  epochs: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  weight_decay: number;
  schedule: TrainConfig["schedule"];
  warmup_steps: number;
}

export function toSnakeCase(c: TrainConfig): SnakeCaseConfig {
  return {
    optimizer: c.optimizer, lr: c.lr, batch_size: c.batchSize, epochs: c.epochs, momentum: c.momentum,
    beta1: c.beta1, beta2: c.beta2, eps: c.eps, weight_decay: c.weightDecay, schedule: c.schedule, warmup_steps: c.warmupSteps,
  };
}

export function fromSnakeCase(c: SnakeCaseConfig): TrainConfig {
  return {
    optimizer: c.optimizer, lr: c.lr, batchSize: c.batch_size, epochs: c.epochs, momentum: c.momentum,
    beta1: c.beta1, beta2: c.beta2, eps: c.eps, weightDecay: c.weight_decay, schedule: c.schedule, warmupSteps: c.warmup_steps,
  };
}
