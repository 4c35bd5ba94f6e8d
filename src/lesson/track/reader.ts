import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseMetricLines } from "./jsonl";
import { metaFile, metricsFile, runsRoot, summaryFile } from "./layout";
import { checkSegment, isSafeSegment } from "./names";
import type { LoadedRun, MetricRecord, RunInfo, RunMeta, RunState, RunSummary } from "./types";

/** Where to read runs from; defaults as in initRun ($RUNS_DIR, else `<repoRoot>/runs`). */
export interface ReadOptions {
  dir?: string;
  /** Called with each reading problem; defaults to console.warn. Pass `() => {}` to collect them silently. */
  warn?: (message: string) => void;
}

/** Project names under the runs root, sorted. An absent root has no projects. */
export function listProjects(options: ReadOptions = {}): string[] {
  return subfolders(runsRoot(options.dir));
}

/** The runs of a project, oldest first, without their histories. */
export function listRuns(project: string, options: ReadOptions = {}): RunInfo[] {
  checkSegment("project", project);
  const projectDir = path.join(runsRoot(options.dir), project);
  return subfolders(projectDir)
    .map((id) => readRun(path.join(projectDir, id), project, id, options, false).info)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** One run with its full metric history. Throws if the run folder does not exist. */
export function loadRun(project: string, id: string, options: ReadOptions = {}): LoadedRun {
  checkSegment("project", project);
  checkSegment("run id", id);
  const dir = path.join(runsRoot(options.dir), project, id);
  if (!fs.existsSync(dir)) throw new Error(`no run "${id}" in project "${project}" (looked in ${dir})`);
  const { info, history } = readRun(dir, project, id, options, true);
  return { ...info, history };
}

/** The runs of a project with their histories (for a comparison). */
export function loadRuns(project: string, options: ReadOptions = {}): LoadedRun[] {
  return listRuns(project, { ...options, warn: () => {} }).map((r) => loadRun(project, r.id, options));
}

/**
 * Read one run folder. A finished run's summary already holds its final values, so listing skips
 * its metrics file; an unfinished run's final values come from the records that made it to disk.
 */
function readRun(dir: string, project: string, id: string, options: ReadOptions, withHistory: boolean): { info: RunInfo; history: MetricRecord[] } {
  const warnings: string[] = [];
  const meta = readMeta(dir, project, id, warnings);
  const summary = readSummary(path.join(dir, summaryFile), warnings);
  let history: MetricRecord[] = [];
  if (withHistory || !summary) {
    const metricsText = readText(path.join(dir, metricsFile), warnings);
    const parsed = parseMetricLines(metricsText ?? "", `${project}/${id}/${metricsFile}`);
    warnings.push(...parsed.warnings);
    history = parsed.records;
  }
  const final: Record<string, number> = {};
  for (const record of history) Object.assign(final, record);
  delete final._step;
  delete final._timestamp;
  const state: RunState = summary ? "finished" : isWriterAlive(meta) ? "running" : "unfinished";
  const records = summary && !withHistory ? summary.records : history.length;
  const info: RunInfo = { ...meta, dir, state, records, final: summary && !withHistory ? { ...summary.final } : final, warnings };
  if (summary) info.finishedAt = summary.finishedAt;
  const warn = options.warn ?? ((message: string) => console.warn(`warning: ${message}`));
  for (const message of warnings) warn(message);
  return { info, history };
}

function readMeta(dir: string, project: string, id: string, warnings: string[]): RunMeta {
  const stored = readJson<Partial<RunMeta>>(path.join(dir, metaFile), warnings);
  if (!stored) warnings.push(`${project}/${id}: ${metaFile} is missing or unreadable; showing the run under its id`);
  const { config, metrics } = stored ?? {};
  const createdAt = typeof stored?.createdAt === "string" ? stored.createdAt : new Date(fs.statSync(dir).mtimeMs).toISOString();
  return {
    id, project, createdAt,
    name: typeof stored?.name === "string" ? stored.name : id,
    config: isObject(config) ? config : {},
    pid: typeof stored?.pid === "number" ? stored.pid : -1,
    host: typeof stored?.host === "string" ? stored.host : "",
    metrics: isObject(metrics) ? (metrics as RunMeta["metrics"]) : {},
  };
}

/** A run without a summary is "running" only if its writer is a live process on this machine. */
function isWriterAlive(meta: RunMeta): boolean {
  if (meta.pid <= 0 || meta.host !== os.hostname()) return false;
  try {
    process.kill(meta.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readSummary(file: string, warnings: string[]): RunSummary | null {
  const summary = readJson<Partial<RunSummary>>(file, warnings);
  if (summary === null) return null;
  if (typeof summary.finishedAt !== "string" || typeof summary.records !== "number" || !isObject(summary.final)) {
    warnings.push(`${file}: not a run summary, ignored`);
    return null;
  }
  return summary as RunSummary;
}

function readText(file: string, warnings: string[]): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") warnings.push(`${file}: ${(error as Error).message}`);
    return null;
  }
}

function readJson<T>(file: string, warnings: string[]): T | null {
  const text = readText(file, warnings);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    warnings.push(`${file}: not valid JSON, ignored`);
    return null;
  }
}

function subfolders(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isDirectory() && isSafeSegment(e.name)).map((e) => e.name).sort();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
