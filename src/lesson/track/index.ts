/**
 * A local run tracker in the spirit of Weights & Biases, with nothing to sign up for:
 *
 *   const run = initRun({ project: "optimizers", name: "sgd-bs4", config: { batch_size: 4, lr: 1e-4 } });
 *   run.defineMetric("running_loss", { stepMetric: "batch_step" });
 *   run.log({ running_loss: 12.3, batch_step: 4 });
 *   run.finish();
 *
 *   const runs = loadRuns("optimizers");
 *   comparisonFigure(runs, ["running_loss", "valid_loss"]);  // a plotly figure object
 *   showTable(comparisonTable(runs).rows);                   // config and final metrics
 */
export { initRun, Run, type InitRunOptions } from "./run";
export { listProjects, listRuns, loadRun, loadRuns, type ReadOptions } from "./reader";
export { metricSeries, plottableMetrics, stepMetricOf, type MetricSeries } from "./series";
export { comparisonFigure, comparisonTable, type ComparisonFigure, type ComparisonTable } from "./compare";
export { runSweep, type SweepOptions, type SweepResult, type SweepRun } from "./sweep";
export { gridConfigs, randomConfigs, type SweepValues } from "./sweep";
export { sweepFigure, sweptParams, type SweepFigureOptions } from "./compare";
export { defaultRunsDir } from "./layout";
export type { LoadedRun, MetricDefinition, MetricRecord, RunInfo, RunMeta, RunState, RunSummary } from "./types";
