import type { LoadedRun, MetricRecord } from "./types";

/** One metric of one run, ready to plot: y against its step metric. */
export interface MetricSeries {
  metric: string;
  /** The x axis: the metric's step metric, or "_step" (the log count) when it has none. */
  stepMetric: string;
  x: number[];
  y: number[];
}

/** The step metric `metric` is plotted against in `run` ("_step" if it has none). */
export function stepMetricOf(run: Pick<LoadedRun, "metrics">, metric: string): string {
  return run.metrics[metric]?.stepMetric ?? "_step";
}

/**
 * The points of `metric`: every record that has it, at the value of its step metric in that
 * record or, as wandb does, the last value the step metric was logged with before it.
 */
export function metricSeries(run: Pick<LoadedRun, "metrics" | "history">, metric: string): MetricSeries {
  const stepMetric = stepMetricOf(run, metric);
  const x: number[] = [];
  const y: number[] = [];
  let lastStep: number | undefined;
  for (const record of run.history as MetricRecord[]) {
    if (record[stepMetric] !== undefined) lastStep = record[stepMetric];
    if (record[metric] !== undefined && lastStep !== undefined) {
      x.push(lastStep);
      y.push(record[metric]);
    }
  }
  return { metric, stepMetric, x, y };
}

/** Metric names a run logged or defined, minus those only used as step axes; definition order first. */
export function plottableMetrics(run: Pick<LoadedRun, "metrics" | "final">): string[] {
  const stepMetrics = new Set(Object.values(run.metrics).map((d) => d.stepMetric).filter((s): s is string => !!s));
  const names = [...Object.keys(run.metrics), ...Object.keys(run.final)];
  return [...new Set(names)].filter((name) => !stepMetrics.has(name));
}
