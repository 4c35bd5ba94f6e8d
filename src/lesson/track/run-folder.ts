import * as fs from "node:fs";
import * as path from "node:path";
import { jsonCap, metricsCap, readConfined } from "./confined";
import { readConfinedAsync } from "./confined-async";
import { parseMetricLines, parseMetricLinesAsync, type ParsedMetrics } from "./jsonl";
import { isSafeSegment, metaFile, metricsFile, summaryFile } from "./layout";
import { isRecord, maxConfigDepth, metricDefinitions, numberFields, nullProto, plainData } from "./stored-values";
import type { MetricRecord, RunInfo, RunMeta, RunSummary } from "./types";

/**
 * One run folder read into a RunInfo (and its history): the rules for what its three files mean,
 * shared by the synchronous reader and the dashboard's non-blocking one. The caches are in reader.ts.
 */

/**
 * Read one run folder. `dir` is its path as shown; `held` names the folder its files are read
 * from (a HeldDir's path, so that a swapped name cannot redirect the reads). A finished run's
 * summary already holds its final values, so listing skips its metrics file; an unfinished run's
 * final values come from the records that made it to disk.
 */
export function readRun(dir: string, project: string, id: string, withHistory: boolean, held = dir): ReadRun {
  const head = readHead(dir, project, id, held);
  if (!needsMetrics(head, withHistory)) return finishRun(head, null);
  const read = readConfined(path.join(held, metricsFile), head.label(metricsFile), metricsCap);
  if (read.problem) head.warnings.add(read.problem);
  return finishRun(head, parseMetricLines(read.text ?? "", head.label(metricsFile), head.warnings.add, withHistory));
}

/** readRun without blocking: the metrics file is the only large part, so only it is read asynchronously. */
export async function readRunAsync(dir: string, project: string, id: string, withHistory: boolean, held = dir): Promise<ReadRun> {
  const head = readHead(dir, project, id, held);
  if (!needsMetrics(head, withHistory)) return finishRun(head, null);
  const read = await readConfinedAsync(path.join(held, metricsFile), head.label(metricsFile), metricsCap);
  if (read.problem) head.warnings.add(read.problem);
  return finishRun(head, await parseMetricLinesAsync(read.text ?? "", head.label(metricsFile), head.warnings.add, withHistory));
}

export type ReadRun = { info: RunInfo; history: MetricRecord[] };

/** A listing takes a summarised run's final values from its summary; otherwise they come from the metrics. */
function needsMetrics(head: RunHead, withHistory: boolean): boolean {
  return withHistory || head.summary === null;
}

/** The small files of a run (each at most jsonCap), read before its metrics. */
interface RunHead {
  dir: string;
  meta: RunMeta;
  summary: RunSummary | null;
  warnings: WarningList;
  label: (file: string) => string;
}

function readHead(dir: string, project: string, id: string, held: string): RunHead {
  const warnings = new WarningList();
  const label = (file: string) => `${project}/${id}/${file}`;
  const meta = readMeta(held, project, id, warnings);
  const summary = readSummary(path.join(held, summaryFile), label(summaryFile), warnings);
  return { dir, meta, summary, warnings, label };
}

/** The run's info from its head and, when read, its parsed metrics. */
function finishRun({ dir, meta, summary, warnings, label }: RunHead, parsed: ParsedMetrics | null): ReadRun {
  let records = summary?.records ?? 0;
  let final: Record<string, number> = summary ? nullProto(summary.final) : Object.create(null);
  if (parsed) {
    records = parsed.count;
    if (!summary) final = parsed.final;
    else if (summary.records > parsed.count) warnings.add(`${label(summaryFile)}: claims ${summary.records} records, ${metricsFile} holds ${parsed.count}`);
  }
  const info: RunInfo = { ...meta, dir, state: summary ? summary.state ?? "finished" : "unfinished", records, final, warnings: [] };
  if (summary) info.finishedAt = summary.finishedAt;
  if (summary?.reason !== undefined) info.reason = summary.reason;
  info.warnings = warnings.list();
  return { info, history: parsed?.records ?? [] };
}

function readMeta(held: string, project: string, id: string, warnings: WarningList): RunMeta {
  const file = `${project}/${id}/${metaFile}`;
  const stored = readJson<Record<string, unknown>>(path.join(held, metaFile), file, warnings);
  if (!stored) warnings.add(`${project}/${id}: ${metaFile} is missing or unreadable; showing the run under its id`);
  const field = <T>(key: string, ok: (value: unknown) => value is T, what: string, fallback: T): T => {
    const value = stored?.[key];
    if (value === undefined) return fallback;
    if (ok(value)) return value;
    warnings.add(`${file}: "${key}" is not ${what}, ignored`);
    return fallback;
  };
  const createdAt = field("createdAt", isString, "a string", "") || new Date(fs.statSync(held).mtimeMs).toISOString();
  let config = plainData(field("config", isRecord, "an object", {}));
  if (config === null) {
    warnings.add(`${file}: config is nested deeper than ${maxConfigDepth} levels, ignored`);
    config = Object.create(null);
  }
  const metrics = metricDefinitions(field("metrics", isRecord, "an object", {}), (key) => warnings.add(`${file}: metric definition ${JSON.stringify(key)} is not { stepMetric?: string }, ignored`));
  const meta: RunMeta = {
    id, project, createdAt,
    name: field("name", isString, "a string", id),
    config: config as Record<string, unknown>,
    pid: field("pid", isNumber, "a number", -1),
    host: field("host", isString, "a string", ""),
    metrics,
  };
  if (typeof stored?.sweep === "string" && isSafeSegment(stored.sweep)) meta.sweep = stored.sweep;
  return meta;
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function readSummary(file: string, label: string, warnings: WarningList): RunSummary | null {
  const summary = readJson<Record<string, unknown>>(file, label, warnings);
  if (summary === null) return null;
  const stateOk = summary.state === undefined || summary.state === "finished" || summary.state === "failed";
  const recordsOk = typeof summary.records === "number" && Number.isSafeInteger(summary.records) && summary.records >= 0;
  if (typeof summary.finishedAt !== "string" || !recordsOk || !isRecord(summary.final) || !stateOk) {
    warnings.add(`${label}: not a run summary, ignored`);
    return null;
  }
  const final = numberFields(summary.final, (key) => warnings.add(`${label}: final value of ${JSON.stringify(key)} is not a finite number, ignored`));
  const read: RunSummary = { finishedAt: summary.finishedAt, records: summary.records as number, final };
  if (summary.state !== undefined) read.state = summary.state as RunSummary["state"];
  if (typeof summary.reason === "string") read.reason = summary.reason;
  return read;
}

function readJson<T>(file: string, label: string, warnings: WarningList): T | null {
  const read = readConfined(file, label, jsonCap);
  if (read.problem) warnings.add(read.problem);
  if (read.text === null || read.problem) return null;
  try {
    const value: unknown = JSON.parse(read.text);
    if (!isRecord(value)) warnings.add(`${label}: not a JSON object, ignored`);
    return isRecord(value) ? (value as T) : null;
  } catch {
    warnings.add(`${label}: not valid JSON, ignored`);
    return null;
  }
}

/**
 * Reading problems, capped: a damaged run with 150,000 bad lines must not become 150,000
 * warnings (12 MB of JSON on the dashboard, a notebook flooded). Keeps the first few and counts
 * the rest into one closing line.
 */
const shownWarnings = 5;

class WarningList {
  private readonly first: string[] = [];
  private more = 0;

  add = (message: string): void => {
    if (this.first.length < shownWarnings) this.first.push(message);
    else this.more += 1;
  };

  /** The first warnings, then "... and N more" when some were left out. */
  list(): string[] {
    return this.more === 0 ? [...this.first] : [...this.first, `... and ${this.more} more problem${this.more === 1 ? "" : "s"} like these`];
  }
}
