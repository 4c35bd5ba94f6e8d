import { type HousePrices, loadHousePrices } from "../data/house-prices";
import type { Dense } from "../nn/dense";
import { createNetwork } from "../nn/network";
import { Adam } from "../optim/adam";
import { AdamW } from "../optim/adamw";
import { SGDMomentum } from "../optim/momentum";
import type { OptimizerBase } from "../optim/optimizer";
import { makeSchedule, type ScheduleKind } from "../optim/schedule";
import { SGD } from "../optim/sgd";
import type { EpochMetrics, MetricLogger, Progress } from "./hooks";
import { totalSteps, train, type TrainResult } from "./train";

export type OptimizerKind = "sgd" | "momentum" | "adam" | "adamw";

/** One training run described as data, with the numpy reference's defaults. */
export interface TrainConfig {
  optimizer: OptimizerKind;
  lr: number;
  batchSize: number;
  epochs: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  schedule: ScheduleKind;
  warmupSteps: number;
}

export const DEFAULT_CONFIG: Readonly<TrainConfig> = {
  optimizer: "sgd", lr: 1e-4, batchSize: 32, epochs: 100, momentum: 0.9, beta1: 0.9,
  beta2: 0.999, eps: 1e-8, weightDecay: 0, schedule: "constant", warmupSteps: 0,
};

/**
 * Fill in defaults for the keys a partial config leaves out. A key that is not a TrainConfig
 * key is refused: a misspelt one (say the numpy reference's batch_size) would otherwise be
 * silently replaced by its default.
 */
export function withDefaults(config: Partial<TrainConfig>): TrainConfig {
  for (const key of Object.keys(config)) {
    if (!(key in DEFAULT_CONFIG)) {
      const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      const hint = camel in DEFAULT_CONFIG ? ` (did you mean ${camel}?)` : "";
      throw new RangeError(`unknown config key "${key}"${hint}; the keys are ${Object.keys(DEFAULT_CONFIG).join(", ")}`);
    }
  }
  return { ...DEFAULT_CONFIG, ...config };
}

/** Build the optimizer (with its schedule) that a config describes, for a split of `trainRows` rows. */
export function makeOptimizer(config: TrainConfig, trainRows: number): OptimizerBase {
  const lr = makeSchedule(config.schedule, {
    lr: config.lr, warmupSteps: config.warmupSteps, totalSteps: totalSteps(trainRows, config.batchSize, config.epochs),
  });
  const adam = { lr, beta1: config.beta1, beta2: config.beta2, eps: config.eps };
  switch (config.optimizer) {
    case "sgd": return new SGD({ lr });
    case "momentum": return new SGDMomentum({ lr, momentum: config.momentum });
    case "adam": return new Adam(adam);
    case "adamw": return new AdamW({ ...adam, weightDecay: config.weightDecay });
    default: throw new RangeError(`unknown optimizer "${String(config.optimizer)}" (expected sgd, momentum, adam or adamw)`);
  }
}

export interface RunOptions {
  data?: HousePrices;
  /** The network's initialisation seed (default 0, the numpy reference's start). */
  seed?: number;
  logger?: MetricLogger;
  onProgress?: (progress: Progress) => void;
  onEpoch?: (metrics: EpochMetrics) => void;
}

/** Train the lesson's network from its seeded start with the run a config describes. */
export function runConfig(partial: Partial<TrainConfig>, options: RunOptions = {}): TrainResult & { config: TrainConfig; layers: Dense[] } {
  const config = withDefaults(partial);
  const data = options.data ?? loadHousePrices();
  const layers = createNetwork(options.seed ?? 0);
  const result = train({
    layers,
    optimizer: makeOptimizer(config, data.train.x.rows),
    train: data.train,
    valid: data.valid,
    batchSize: config.batchSize,
    epochs: config.epochs,
    logger: options.logger,
    onProgress: options.onProgress,
    onEpoch: options.onEpoch,
  });
  return { config, layers, ...result };
}
