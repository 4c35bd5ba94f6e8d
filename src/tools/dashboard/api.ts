import { comparisonFigure, comparisonTable, type ComparisonFigure } from "../../lesson/track/compare";
import { listProjects, listRuns, loadRun } from "../../lesson/track/reader";
import { plottableMetrics } from "../../lesson/track/series";
import type { RunInfo } from "../../lesson/track/types";
import { isSafeSegment } from "../../lesson/track/names";
import { HttpError } from "./http-error";
import { isMetricName, Query } from "./query";

/** The JSON the page reads. Each function takes the runs root and the raw query string. */

const silent = () => {};

/** GET /api/projects: the runs root and its projects with their run counts. */
export function projectsResponse(runsDir: string, search: string) {
  new Query(search, []);
  const projects = listProjects({ dir: runsDir }).map((name) => ({ name, runs: listRuns(name, { dir: runsDir, warn: silent }).length }));
  return { runsDir, projects };
}

/** GET /api/runs?project=P: runs with config, state, final metrics, and the comparison table. */
export function runsResponse(runsDir: string, search: string) {
  const project = new Query(search, ["project"]).segment("project");
  if (!listProjects({ dir: runsDir }).includes(project)) throw new HttpError(404, `no project "${project}" in the runs folder`);
  const runs = listRuns(project, { dir: runsDir, warn: silent });
  const metrics = [...new Set(runs.flatMap((r) => plottableMetrics(r)))];
  return { project, runs: runs.map(publicRun), metrics, table: comparisonTable(runs) };
}

/** GET /api/figure?project=P&runs=ID,ID&metrics=M,M[&scale=log]: the comparison figure, as the notebook builds it. */
export function figureResponse(runsDir: string, search: string): ComparisonFigure {
  const query = new Query(search, ["project", "runs", "metrics", "scale"]);
  const project = query.segment("project");
  const ids = query.list("runs", 20, isSafeSegment, "run id");
  const metrics = query.list("metrics", 8, isMetricName, "metric name");
  const scale = query.choice("scale", ["linear", "log"] as const, "linear");
  const runs = ids.map((id) => {
    try {
      return loadRun(project, id, { dir: runsDir, warn: silent });
    } catch {
      throw new HttpError(404, `no run "${id}" in project "${project}"`);
    }
  });
  const known = new Set(runs.flatMap((r) => plottableMetrics(r)));
  const unknown = metrics.filter((m) => !known.has(m));
  if (unknown.length > 0) throw new HttpError(400, `metrics: ${unknown.map((m) => `"${m}"`).join(", ")} not logged by the chosen runs`);
  return comparisonFigure(runs, metrics, { logY: scale === "log" });
}

/** What the page needs of a run; leaves out the folder path and process id. */
function publicRun(run: RunInfo) {
  const { id, name, project, config, createdAt, state, records, final, finishedAt, warnings, metrics } = run;
  return { id, name, project, config, createdAt, state, records, final, finishedAt, warnings, metrics };
}
