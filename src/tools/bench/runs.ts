import { DEFAULT_CONFIG } from "../../lesson/train/config";
import { type SnakeCaseConfig, toSnakeCase } from "../../lesson/train/snake-case";

/** One row group of the benchmark: a training run that every contender performs. */
export interface BenchRun {
  name: string;
  config: SnakeCaseConfig;
  /** Layer widths, input first: [7, 25, 10, 1] is the lesson's network. */
  widths: number[];
  /** How many times the training rows are repeated. */
  tile: number;
}

export const LESSON_WIDTHS = [7, 25, 10, 1];
export const SCALING_WIDTHS = [7, 256, 128, 1];
export const SCALING_TILE = 10;

/** The lesson's runs, with the hyperparameters its chapters use, for `epochs` epochs. */
export function lessonRuns(epochs: number): BenchRun[] {
  const run = (name: string, config: Partial<SnakeCaseConfig>): BenchRun => ({
    name, config: { ...toSnakeCase(DEFAULT_CONFIG), ...config, epochs }, widths: LESSON_WIDTHS, tile: 1,
  });
  return [
    run("sgd_bs4", { optimizer: "sgd", lr: 1e-4, batch_size: 4 }),
    run("sgd_bs32", { optimizer: "sgd", lr: 1e-4, batch_size: 32 }),
    run("momentum_bs32", { optimizer: "momentum", lr: 1e-4, momentum: 0.9, batch_size: 32 }),
    run("adamw_bs32", { optimizer: "adamw", lr: 1e-3, weight_decay: 0.1, batch_size: 32 }),
  ];
}

/** Scaling runs use a tenth of the epochs (at least one): the work per epoch is ~800x the lesson's. */
export function scalingEpochs(epochs: number): number {
  return Math.max(1, Math.round(epochs / 10));
}

/** The lesson's SGD run at batch size 32 on a wider network and the training rows repeated. */
export function scalingRun(epochs: number): BenchRun {
  return {
    name: "scaling_sgd_bs32",
    config: { ...toSnakeCase(DEFAULT_CONFIG), optimizer: "sgd", lr: 1e-4, batch_size: 32, epochs: scalingEpochs(epochs) },
    widths: SCALING_WIDTHS,
    tile: SCALING_TILE,
  };
}
