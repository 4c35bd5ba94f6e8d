import type { ComparisonFigure } from "./compare";
import { escapeHtml } from "./compare";
import type { RunInfo } from "./types";

const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

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
      marker: { color: palette[i % palette.length], size: 9, symbol: "circle" },
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
