/**
 * What a run is on disk and once read back. A run lives in `runs/<project>/<id>/`:
 *   run.json       who and what: project, name, config, metric definitions (rewritten atomically)
 *   metrics.jsonl  one JSON record per `log()` call, appended as it happens
 *   summary.json   written atomically by `finish()`: its presence is what "finished" means
 */

/** How a metric is plotted: against which other metric (its step axis). */
export interface MetricDefinition {
  stepMetric?: string;
}

/** Contents of run.json. */
export interface RunMeta {
  id: string;
  project: string;
  name: string;
  config: Record<string, unknown>;
  createdAt: string; // ISO 8601
  pid: number; // the writing process, to tell a live run from an abandoned one
  host: string;
  metrics: Record<string, MetricDefinition>;
  /** The sweep this run belongs to, if any. */
  sweep?: string;
}

/** Contents of summary.json. */
export interface RunSummary {
  /** How the run ended; summaries written before failed runs existed have no state (= finished). */
  state?: "finished" | "failed";
  /** Why a failed run failed: "diverged ...", "write error: ...", "exception: ...". */
  reason?: string;
  finishedAt: string; // ISO 8601
  records: number;
  final: Record<string, number>; // last logged value of every metric
}

/** One line of metrics.jsonl: the logged values plus `_step` (0-based log count) and `_timestamp` (ms). */
export type MetricRecord = Record<string, number>;

/**
 * finished: finish() was called. failed: fail() was called (divergence, a write error, an
 * exception), with the reason kept. running: no summary yet and the writing process is alive.
 * unfinished: no summary and its process is gone (killed, kernel restarted).
 */
export type RunState = "finished" | "failed" | "running" | "unfinished";

/** A run as listed: everything but its full history. */
export interface RunInfo extends RunMeta {
  dir: string;
  state: RunState;
  records: number;
  final: Record<string, number>;
  finishedAt?: string;
  /** Why a failed run failed. */
  reason?: string;
  /** Problems met while reading (truncated line, missing run.json...): the rest was still read. */
  warnings: string[];
}

/** A run with its full metric history. */
export interface LoadedRun extends RunInfo {
  history: MetricRecord[];
}
