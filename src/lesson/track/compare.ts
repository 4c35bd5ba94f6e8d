import { escapeHtml } from "../notebook/escape-html";
import { metricSeries, plottableMetrics } from "./series";
import type { LoadedRun, RunInfo } from "./types";

/**
 * Comparisons of runs as plain data: a plotly figure `{ data, layout }` and a table. Nothing here
 * displays anything; src/lesson/notebook shows figures in a notebook, the dashboard page draws the same one.
 */
export interface ComparisonFigure {
  data: Array<Record<string, unknown>>;
  layout: Record<string, unknown>;
}

/** Colours that stay apart for the first runs picked (plotly's default cycle). */
const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/**
 * Overlay `metrics` of `runs`: one panel per metric, each against its own step metric (running_loss
 * against batch_step, valid_loss against epoch), one colour per run, one legend entry per run.
 * `logY` puts the y axes on a log scale: losses often fall by orders of magnitude.
 */
export function comparisonFigure(runs: LoadedRun[], metrics: string[], options: { title?: string; logY?: boolean } = {}): ComparisonFigure {
  if (runs.length === 0) throw new Error("comparisonFigure: pick at least one run");
  if (metrics.length === 0) throw new Error("comparisonFigure: pick at least one metric");
  const names = traceNames(runs);
  const data: Array<Record<string, unknown>> = [];
  const layout: Record<string, unknown> = {
    height: Math.max(360, 300 * metrics.length),
    margin: { l: 70, r: 20, t: options.title ? 60 : 30, b: 50 },
    legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 0, xanchor: "left" },
    hovermode: "x unified",
  };
  if (options.title) layout.title = { text: options.title };
  if (metrics.length > 1) layout.grid = { rows: metrics.length, columns: 1, pattern: "independent", ygap: 0.25 };
  metrics.forEach((metric, panel) => {
    const suffix = panel === 0 ? "" : String(panel + 1);
    let stepMetric = "_step";
    runs.forEach((run, i) => {
      const series = metricSeries(run, metric);
      if (series.x.length > 0) stepMetric = series.stepMetric;
      data.push({
        type: "scatter", mode: series.x.length === 1 ? "markers" : "lines",
        name: names[i], legendgroup: run.id, showlegend: panel === 0,
        x: series.x, y: series.y, xaxis: `x${suffix}`, yaxis: `y${suffix}`,
        line: { color: palette[i % palette.length], width: 1.6 }, marker: { color: palette[i % palette.length] },
        hovertemplate: `${escapeHtml(names[i])}<br>${metric}=%{y:.4g}<extra></extra>`,
      });
    });
    layout[`xaxis${suffix}`] = { title: { text: stepMetric === "_step" ? "log step" : stepMetric }, zeroline: false };
    layout[`yaxis${suffix}`] = { title: { text: metric }, zeroline: false, type: options.logY ? "log" : "linear" };
  });
  return { data, layout };
}

/** Legend names: the run names, with the id added where two picked runs share a name. */
function traceNames(runs: RunInfo[]): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.name, (counts.get(run.name) ?? 0) + 1);
  return runs.map((run) => ((counts.get(run.name) ?? 0) > 1 ? `${run.name} (${run.id})` : run.name));
}

/** A table comparing runs: name, state, every config key, and the final value of every metric. */
export interface ComparisonTable {
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
}

export function comparisonTable(runs: RunInfo[]): ComparisonTable {
  const configKeys = unique(runs.flatMap((r) => Object.keys(r.config)));
  const metricKeys = unique(runs.flatMap((r) => plottableMetrics(r).filter((m) => m in r.final)));
  const columns = ["run", "state", ...configKeys, ...metricKeys.filter((k) => !configKeys.includes(k))];
  const rows = runs.map((run) => {
    const row: Record<string, string | number | null> = { run: run.name, state: run.state };
    for (const key of configKeys) row[key] = cell(run.config[key]);
    for (const key of metricKeys) if (!(key in row)) row[key] = run.final[key] ?? null;
    return row;
  });
  return { columns, rows };
}

function cell(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
