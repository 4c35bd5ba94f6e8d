import { escapeHtml } from "../notebook/escape-html";
import { lttb } from "../math/lttb";
import { metricSeries, plottableMetrics } from "./series";
import type { LoadedRun, RunInfo } from "./types";
import { nullProto } from "./stored-values";

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

export interface ComparisonOptions {
  title?: string;
  /** Log-scale y axes: losses often fall by orders of magnitude. */
  logY?: boolean;
  /** Downsample each trace to this many points (LTTB); all points when absent. */
  maxPoints?: number;
  /** Only the points of `metric` with x in [x0, x1] (a zoomed panel), then downsampled: detail on zoom. */
  zoom?: { metric: string; x0: number; x1: number };
}

/**
 * Overlay `metrics` of `runs`: one panel per metric, each against its own step metric (running_loss
 * against batch_step, valid_loss against epoch), one colour per run, one legend entry per run.
 */
export function comparisonFigure(runs: readonly LoadedRun[], metrics: string[], options: ComparisonOptions = {}): ComparisonFigure {
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
      const zoom = options.zoom?.metric === metric ? options.zoom : undefined;
      if (zoom) keepRange(series, zoom.x0, zoom.x1, options.maxPoints);
      else if (options.maxPoints !== undefined) Object.assign(series, lttb(series.x, series.y, options.maxPoints));
      data.push({
        type: "scatter", mode: series.x.length === 1 ? "markers" : "lines",
        // Grouped by position, not run id: the same runs draw the same figure (and PNG) every time.
        name: names[i], legendgroup: `run-${i}`, showlegend: panel === 0,
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

/**
 * Keep the points with x in [x0, x1], downsampled to `maxPoints`, and their neighbours, so the
 * line runs to the panel's edges: the neighbours are drawn beyond the cap, never in its place.
 */
function keepRange(series: { x: number[]; y: number[] }, x0: number, x1: number, maxPoints?: number): void {
  const inside = (i: number) => i >= 0 && i < series.x.length && series.x[i]! >= x0 && series.x[i]! <= x1;
  const keep = series.x.map((_, i) => inside(i) || inside(i - 1) || inside(i + 1));
  const insideIndexes = series.x.map((_, i) => i).filter(inside);
  if (maxPoints !== undefined && insideIndexes.length > maxPoints) {
    const picked = lttb(insideIndexes.map((i) => series.x[i]!), insideIndexes.map((i) => series.y[i]!), maxPoints);
    // lttb keeps a subsequence, in order: walk it back onto the indexes it came from.
    let next = 0;
    for (const i of insideIndexes) {
      const chosen = next < picked.x.length && picked.x[next] === series.x[i] && Object.is(picked.y[next], series.y[i]);
      if (chosen) next += 1;
      else keep[i] = false;
    }
  }
  series.x = series.x.filter((_, i) => keep[i]);
  series.y = series.y.filter((_, i) => keep[i]);
}

/** Legend names: the run names, with the id added where two picked runs share a name. */
function traceNames(runs: readonly RunInfo[]): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.name, (counts.get(run.name) ?? 0) + 1);
  return runs.map((run) => ((counts.get(run.name) ?? 0) > 1 ? `${run.name} (${run.id})` : run.name));
}

/** A table comparing runs: name, state, every config key, and the final value of every metric. */
export interface ComparisonTable {
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
}

export function comparisonTable(runs: readonly RunInfo[]): ComparisonTable {
  const configKeys = unique(runs.flatMap((r) => Object.keys(r.config)));
  const metricKeys = unique(runs.flatMap((r) => plottableMetrics(r).filter((m) => m in r.final)));
  const columns = ["run", "state", ...configKeys, ...metricKeys.filter((k) => !configKeys.includes(k))];
  const rows = runs.map((run) => {
    // Null prototype: a config key named "__proto__" is a column like any other.
    const row: Record<string, string | number | null> = nullProto({ run: run.name, state: run.state } as Record<string, string | number | null>);
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


const groupPalette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

export interface SweepFigureOptions {
  title?: string;
  logY?: boolean;
  /** Config keys that split the finished runs into coloured groups (e.g. the schedule). */
  colorBy?: string | string[];
}

/**
 * A sweep at a glance: one point per run, a hyperparameter (a config key) across, the run's
 * final value of a metric up. Failed runs are red crosses drawn at the top of the panel, since
 * a diverged run has no final value worth plotting; unfinished or running ones are grey rings.
 */
export function sweepFigure(runs: readonly RunInfo[], param: string, metric: string, options: SweepFigureOptions = {}): ComparisonFigure {
  if (runs.length === 0) throw new Error("sweepFigure: the sweep has no runs");
  const value = (run: RunInfo) => run.config[param];
  const numeric = runs.every((r) => typeof value(r) === "number");
  const positive = numeric && runs.every((r) => (value(r) as number) > 0);
  const xs = runs.map((r) => (numeric ? (value(r) as number) : String(value(r) ?? "")));
  const colorKeys = options.colorBy === undefined ? [] : ([] as string[]).concat(options.colorBy);
  const label = (r: RunInfo) => colorKeys.map((k) => `${k}=${String(r.config[k])}`).join(" ");
  const finishedOk = (r: RunInfo) => r.state === "finished" && Number.isFinite(r.final[metric]);
  const labels = colorKeys.length === 0 ? ["finished"] : [...new Set(runs.filter(finishedOk).map(label))].sort();
  const groups = [
    ...labels.map((name, i) => ({
      name, pick: (r: RunInfo) => finishedOk(r) && (colorKeys.length === 0 || label(r) === name),
      marker: { color: groupPalette[i % groupPalette.length], size: 9, symbol: "circle" },
    })),
    { name: "running or unfinished", pick: (r: RunInfo) => (r.state === "running" || r.state === "unfinished") && Number.isFinite(r.final[metric]), marker: { color: "#7f7f7f", size: 9, symbol: "circle-open" } },
  ];
  const finals = runs.map((r) => r.final[metric]).filter((v): v is number => Number.isFinite(v));
  const top = finals.length > 0 ? Math.max(...finals) : 1;
  const data: Array<Record<string, unknown>> = groups.map((g) => {
    const picked = runs.map((r, i) => [r, i] as const).filter(([r]) => g.pick(r));
    return {
      type: "scatter", mode: "markers", name: g.name, marker: g.marker,
      x: picked.map(([, i]) => xs[i]), y: picked.map(([r]) => r.final[metric]),
      text: picked.map(([r]) => escapeHtml(r.name)),
      hovertemplate: `%{text}<br>${escapeHtml(param)}=%{x}<br>${escapeHtml(metric)}=%{y:.4g}<extra></extra>`,
    };
  });
  const failed = runs.map((r, i) => [r, i] as const).filter(([r]) => r.state === "failed");
  data.push({
    type: "scatter", mode: "markers", name: "failed", marker: { color: "#d62728", size: 11, symbol: "x" },
    x: failed.map(([, i]) => xs[i]), y: failed.map(() => top), yaxis: "y",
    text: failed.map(([r]) => escapeHtml(`${r.name}: ${r.reason ?? "failed"}`)),
    hovertemplate: "%{text}<extra></extra>",
  });
  const spread = positive ? Math.max(...(xs as number[])) / Math.min(...(xs as number[])) : 1;
  return {
    data: data.filter((trace) => (trace.x as unknown[]).length > 0), // no legend entry for an empty group
    layout: {
      height: 400, margin: { l: 70, r: 20, t: options.title ? 90 : 40, b: 50 },
      ...(options.title ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: param }, type: !numeric ? "category" : spread >= 10 ? "log" : "linear" },
      yaxis: { title: { text: `final ${metric}` }, type: options.logY ? "log" : "linear" },
      legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 0, xanchor: "left" },
    },
  };
}

/** Config keys whose values differ between the runs: the sweep's hyperparameters. */
export function sweptParams(runs: readonly RunInfo[]): string[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.config)))];
  return keys.filter((k) => new Set(runs.map((r) => JSON.stringify(r.config[k]))).size > 1);
}
