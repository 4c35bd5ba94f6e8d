import { comparisonFigure, comparisonTable, sweepFigure, sweptParams, type ComparisonFigure } from "../../lesson/track/compare";
import { countRuns, listProjects, listRunsSharedAsync, loadRunSharedAsync } from "../../lesson/track/reader";
import { metricSeries, plottableMetrics } from "../../lesson/track/series";
import type { RunInfo } from "../../lesson/track/types";
import { isSafeSegment } from "../../lesson/track/layout";
import { HttpError } from "./http-error";
import { isMetricName, Query } from "./query";

/** The JSON the page reads. Each function takes the runs root and the raw query string. */

const silent = () => {};

/** Points per trace in a figure: enough for any screen; zooming in asks again for the detail. */
export const figurePoints = 2000;

/** A response that is not JSON (a download). */
export interface RawBody {
  type: string;
  body: string;
  filename: string;
}

/** GET /api/projects: the projects with their run counts (no absolute path: the page shows the folder's name). */
export function projectsResponse(runsDir: string, search: string) {
  new Query(search, []);
  const projects = listProjects({ dir: runsDir }).map((name) => ({ name, runs: countRuns(name, { dir: runsDir }) }));
  return { runsFolder: runsDir.split(/[\\/]/).filter(Boolean).pop() ?? "runs", projects };
}

/**
 * The last /api/runs answer per project: when the listing returns the very same run objects
 * (nothing changed on disk, no state changed), the same answer object is returned, and the
 * server reuses its JSON text and ETag.
 */
const lastRuns = new Map<string, { runs: ReadonlyArray<Readonly<RunInfo>>; response: object }>();

/** GET /api/runs?project=P: runs with config, state, final metrics, the comparison table, and the sweeps. */
export async function runsResponse(runsDir: string, search: string): Promise<object> {
  const project = new Query(search, ["project"]).segment("project");
  const runs = await projectRuns(runsDir, project);
  const memoKey = `${runsDir}\0${project}`;
  const last = lastRuns.get(memoKey);
  if (last && last.runs.length === runs.length && last.runs.every((r, i) => r === runs[i])) return last.response;
  const response = buildRunsResponse(project, runs);
  lastRuns.set(memoKey, { runs, response });
  return response;
}

function buildRunsResponse(project: string, runs: ReadonlyArray<Readonly<RunInfo>>) {
  const metrics = [...new Set(runs.flatMap((r) => plottableMetrics(r)))];
  const sweeps = [...new Set(runs.map((r) => r.sweep).filter((s): s is string => s !== undefined))].map((id) => {
    const members = runs.filter((r) => r.sweep === id);
    return { id, runs: members.length, params: sweptParams(members), failed: members.filter((r) => r.state === "failed").length };
  });
  return { project, runs: runs.map(publicRun), metrics, table: comparisonTable(runs), sweeps };
}

/**
 * GET /api/figure?project=P&runs=ID,ID&metrics=M,M[&scale=log][&zoom=M&x0=A&x1=B]: the comparison
 * figure, as the notebook builds it, each trace downsampled to `figurePoints`; with a zoom, the
 * zoomed metric's traces only over [x0, x1], so detail returns as one zooms in.
 */
export async function figureResponse(runsDir: string, search: string): Promise<ComparisonFigure> {
  const query = new Query(search, ["project", "runs", "metrics", "scale", "zoom", "x0", "x1"]);
  const project = query.segment("project");
  const ids = query.list("runs", 20, isSafeSegment, "run id");
  const metrics = query.list("metrics", 8, isMetricName, "metric name");
  const scale = query.choice("scale", ["linear", "log"] as const, "linear");
  const zoomMetric = query.optional("zoom");
  const runs = [];
  for (const id of ids) runs.push(await runOrNotFound(runsDir, project, id));
  const known = new Set(runs.flatMap((r) => plottableMetrics(r)));
  const unknown = metrics.filter((m) => !known.has(m));
  if (unknown.length > 0) throw new HttpError(400, `metrics: ${unknown.map((m) => `"${m}"`).join(", ")} not logged by the chosen runs`);
  let zoom: { metric: string; x0: number; x1: number } | undefined;
  if (zoomMetric !== null) {
    if (!metrics.includes(zoomMetric)) throw new HttpError(400, `zoom: "${zoomMetric}" is not one of the metrics plotted`);
    zoom = { metric: zoomMetric, x0: query.number("x0"), x1: query.number("x1") };
    if (!(zoom.x0 < zoom.x1)) throw new HttpError(400, "zoom: x0 must be below x1");
  }
  return comparisonFigure(runs, metrics, { logY: scale === "log", maxPoints: figurePoints, zoom });
}

/** GET /api/series?project=P&run=ID&metric=M: one metric of one run at full resolution, as CSV. */
export async function seriesResponse(runsDir: string, search: string): Promise<RawBody> {
  const query = new Query(search, ["project", "run", "metric"]);
  const project = query.segment("project");
  const run = await runOrNotFound(runsDir, project, query.segment("run"));
  const metric = query.required("metric");
  if (!isMetricName(metric) || !plottableMetrics(run).includes(metric)) throw new HttpError(400, `metric: "${metric.slice(0, 40)}" is not logged by run ${run.id}`);
  const series = metricSeries(run, metric);
  const lines = series.x.map((x, i) => `${x},${series.y[i]}`);
  return { type: "text/csv; charset=utf-8", body: `${csvCell(series.stepMetric)},${csvCell(metric)}\n${lines.join("\n")}\n`, filename: `${run.id}-${metric.replace(/[^A-Za-z0-9._-]/g, "_")}.csv` };
}

/** GET /api/sweep?project=P&sweep=S&param=K&metric=M: final metric against a hyperparameter, failed runs marked. */
export async function sweepResponse(runsDir: string, search: string): Promise<ComparisonFigure> {
  const query = new Query(search, ["project", "sweep", "param", "metric"]);
  const project = query.segment("project");
  const sweep = query.segment("sweep");
  const runs = (await projectRuns(runsDir, project)).filter((r) => r.sweep === sweep);
  if (runs.length === 0) throw new HttpError(404, `no sweep "${sweep}" in project "${project}"`);
  const param = query.required("param");
  if (!runs.some((r) => param in r.config)) throw new HttpError(400, `param: "${param.slice(0, 40)}" is not a config key of sweep ${sweep}`);
  const metric = query.required("metric");
  if (!isMetricName(metric)) throw new HttpError(400, `metric: "${metric.slice(0, 40)}" is not a valid metric name`);
  return sweepFigure(runs, param, metric);
}

/** Runs are listed without blocking: a large run still being written is reread at each poll. */
async function projectRuns(runsDir: string, project: string): Promise<ReadonlyArray<Readonly<RunInfo>>> {
  if (!listProjects({ dir: runsDir }).includes(project)) throw new HttpError(404, `no project "${project}" in the runs folder`);
  return listRunsSharedAsync(project, { dir: runsDir, warn: silent });
}

/** Histories are read without blocking: a cold million-record run must not hold up other requests. */
async function runOrNotFound(runsDir: string, project: string, id: string) {
  try {
    return await loadRunSharedAsync(project, id, { dir: runsDir, warn: silent });
  } catch {
    throw new HttpError(404, `no run "${id}" in project "${project}"`);
  }
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * What the page needs of a run besides its table row (which holds the config and final values):
 * no folder path, host or process id, and nothing twice, since 2,000 runs are polled.
 */
function publicRun(run: Readonly<RunInfo>) {
  const { id, name, state, reason, records, createdAt, finishedAt, warnings, sweep } = run;
  return { id, name, state, reason, records, createdAt, finishedAt, warnings, sweep };
}
