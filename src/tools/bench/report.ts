import type { ContenderName } from "./contenders";

/** One contender on one run, over its timed repetitions (the warm-up repetition left out). */
export interface RowResult {
  run: string;
  contender: ContenderName;
  optimizer: string;
  batchSize: number;
  epochs: number;
  widths: number[];
  trainRows: number;
  validRows: number;
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  repetitionSeconds: number[];
  warmupRepetitionSeconds: number;
  /** Training rows processed per second: epochs x training rows / median seconds. */
  samplesPerSecond: number;
  /** This contender's median time / the src engine's: above 1 means src is faster. */
  timeVsSrc: number | null;
  /** Matrix-product FLOPs of the run / median seconds, in billions. */
  gflops: number;
  /** Medians over the repetitions of: time above the steady epoch pace, the first epoch, the median epoch. */
  warmupSeconds: number;
  firstEpochSeconds: number;
  steadyEpochSeconds: number;
  finalTrainLoss: number;
  finalValidLoss: number;
  /** The larger relative difference of the final train and valid loss from src's. */
  lossDiffVsSrc: number | null;
  /** The largest lossDiffVsSrc that still counts as the same computation. */
  tolerance: number;
}

/** How time per epoch grew from the lesson's network to the scaling run, per contender. */
export interface ScalingResult {
  contender: ContenderName;
  /** Matrix-product FLOPs per epoch of the scaling run / of the lesson run it is compared with. */
  workRatio: number;
  /** Median seconds per epoch of the scaling run / of the lesson run. */
  timeRatio: number;
  baseGflops: number;
  scaledGflops: number;
}

/** A contender's steady time per optimizer step, split into per-call overhead and arithmetic per row. */
export interface StepCost {
  contender: ContenderName;
  batchSizes: [number, number];
  fixedMicroseconds: number;
  perRowMicroseconds: number;
}

export interface Machine {
  cpu: string;
  cores: number;
  os: string;
  node: string;
  python: string | null;
  numpy: string | null;
  torch: string | null;
  tfjs: string;
  /** 1-minute load averages when the benchmark started and ended: other work on the machine skews timings. */
  loadAverage: { start: number; end: number };
}

export interface BenchReport {
  generatedAt: string;
  /** The commit measured, and whether src/ differed from it (the engine under test). */
  source: { commit: string; srcModified: boolean } | null;
  machine: Machine;
  settings: { repeats: number; warmupRepetitions: number; epochs: number; scalingEpochs: number | null; contenders: ContenderName[] };
  contenders: Record<string, string>;
  notices: string[];
  rows: RowResult[];
  scaling: { comparedWith: string; widths: number[]; tile: number; results: ScalingResult[] } | null;
  /** From the SGD runs at batch size 4 and 32. */
  stepCosts: StepCost[];
  /** Rows whose final losses differ from src's by more than their tolerance. */
  disagreements: string[];
}
