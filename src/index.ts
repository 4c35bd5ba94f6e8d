// The `optim-lesson` package the notebooks import, grouped by the chapter that first needs it.
// Everything here is in src/lesson; the fast engine (src/engine) is switched on below.
import { useEngine } from "./engine";
import { runSweep as runSweepIn, type SweepOptions } from "./lesson/track/sweep";

// 1. Data: the raw series, the derived weekly table, the scaled time-ordered splits.
export { rawDataDir, housePricesCsv } from "./lesson/paths";
export { readSeries, type Point } from "./lesson/data/raw-series";
export { deriveHousePrices, type DerivedRow } from "./lesson/data/derive";
export { toCsv } from "./lesson/data/derive-format";
export { loadHousePrices, PREDICTORS, TARGET, type HousePrices } from "./lesson/data/house-prices";
export { splitFrame, type SplitName } from "./lesson/data/frame";
export { standardize, meanAndStd } from "./lesson/data/scale";

// 2. A dense layer: matrices, numpy's seeded random numbers, Dense with forward and backward.
export { Matrix } from "./lesson/math/matrix";
export { NumpyRandom } from "./lesson/math/random";
export { pow } from "./lesson/math/pow";
export { ShapeError } from "./lesson/math/shape-error";
export { Dense, type ParamGrads, type DenseOptions } from "./lesson/nn/dense";

// 3. The network: layers in order, the loss, a gradient check.
export { createNetwork, forward, backward, parameterCount } from "./lesson/nn/network";
export { meanSquaredError, errorInto } from "./lesson/nn/loss";
export { gradientCheck, type GradientCheckResult } from "./lesson/nn/gradient-check";

// 4. SGD and the training loop: the optimizer interface, parameters with batch-mean gradients, runs as data.
export { type Optimizer, type Parameter, OptimizerBase, type LearningRate } from "./lesson/optim/optimizer";
export { SGD } from "./lesson/optim/sgd";
export { layerParameters } from "./lesson/train/parameters";
export { train, batchesPerEpoch, totalSteps, type TrainOptions, type TrainResult, type Split } from "./lesson/train/train";
export { runConfig, makeOptimizer, withDefaults, DEFAULT_CONFIG, type TrainConfig, type OptimizerKind, type RunOptions } from "./lesson/train/config";
export { DivergenceError } from "./lesson/train/divergence-error";
export { trainCached, runCacheStats, clearRunCache, type CachedRun } from "./lesson/train/run-cache";
export { lrRangeTest, exponentialRamp, type RangeTestOptions, type RangeTestPoint, type RangeTestResult } from "./lesson/train/lr-range-test";
export type { MetricLogger, Progress, EpochMetrics } from "./lesson/train/hooks";

// 5. Monitoring: the local run tracker and run comparisons.
export * from "./lesson/track";
/** runSweep whose worker processes switch the engine on too, as this package does below. */
export const runSweep = (options: SweepOptions) => runSweepIn({ setup: { module: require.resolve("./engine"), call: "useEngine" }, ...options });

// 6. Batch size: how noisy a minibatch gradient is.
export { gradientNoise, meanGradient, pickRows, type GradientNoise, type NoiseAtBatchSize, type Rows } from "./lesson/analysis/gradient-noise";

// 7. Momentum, and the two-parameter ravine where optimizers can be watched.
export { SGDMomentum } from "./lesson/optim/momentum";
export { makeRavine, followPath, type Ravine } from "./lesson/toy/ravine";
export { ravineCurvature, momentumFactor, stepsToReach, type Curvature } from "./lesson/toy/ravine-rates";
export { rosenbrock, walkSurface, type Surface } from "./lesson/toy/rosenbrock";

// 8. Learning-rate schedules.
export { constantSchedule, linearSchedule, cosineSchedule, makeSchedule, type Schedule, type ScheduleKind, type WarmupDecayOptions } from "./lesson/optim/schedule";
export { deadUnits, type LayerActivity } from "./lesson/analysis/dead-units";
export { testLoss } from "./lesson/analysis/test-loss";
export { compareOverSeeds, describeComparison, formatSpread, overSeeds, t95, type SeedComparison, type SeedSpread } from "./lesson/analysis/seeds";

// 9. Adam and AdamW.
export { Adam, type AdamOptions, type Moments } from "./lesson/optim/adam";
export { AdamW } from "./lesson/optim/adamw";

// Every chapter: figures (plotly JSON with a PNG), tables and progress lines in the notebook,
// claims checked against the numbers they state, and checked exercises.
export { lineFigure, scatterFigure, barFigure, type Series } from "./lesson/notebook/builders";
export { sliderFigure, type SliderStep } from "./lesson/notebook/slider-figure";
export { optimizerPathFigure, type ParameterPath } from "./lesson/notebook/optimizer-paths";
export { sideBySide } from "./lesson/notebook/side-by-side";
export { formatValue, logAxis } from "./lesson/notebook/figure-style";
export { claim } from "./lesson/notebook/claim";
export { checkOptimizer, type CheckResult } from "./lesson/exercises/check-optimizer";
export { checkFunction } from "./lesson/exercises/check-function";
export { NesterovMomentum, RMSProp } from "./lesson/exercises/reference-optimizers";
export { show, type ShowOptions } from "./lesson/notebook/show";
export type { Figure } from "./lesson/notebook/figure";
export { showTable, type Row } from "./lesson/notebook/table";
export { notebookProgress } from "./lesson/notebook/progress";

useEngine();
