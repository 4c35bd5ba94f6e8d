import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import type { MetricLogger } from "../train/hooks";
import { writeFileAtomic } from "./atomic";
import { metaFile, metricsFile, runsRoot, summaryFile } from "./layout";
import { checkSegment } from "./names";
import { checkMetricName, checkRecord } from "./record";
import { newRunId } from "./run-id";
import type { MetricDefinition, RunMeta, RunSummary } from "./types";

/** What `initRun` takes, after `wandb.init(project=..., name=..., config=...)`. */
export interface InitRunOptions {
  project: string;
  /** A readable label for charts and tables; defaults to the run id. */
  name?: string;
  config?: Record<string, unknown>;
  /** Runs root; defaults to $RUNS_DIR, else `<repoRoot>/runs`. */
  dir?: string;
  /** Longest time logged records wait in memory before being written (ms, default 200; 0 = never). */
  flushIntervalMs?: number;
}

/** Pending bytes that trigger a write whatever the time. */
const maxPendingBytes = 64 * 1024;

/**
 * A tracked run: `defineMetric`, `log`, `finish`, as in wandb.
 *
 * Durability, to a stated granularity: `log()` adds its line to a buffer that is written to
 * metrics.jsonl (one append) by the first `log()` coming `flushIntervalMs` (default 200 ms) or
 * more after the previous write, whenever 64 KiB are pending, by `flush()`, by `finish()`, when
 * the process exits normally, and by a timer when the event loop is free (a notebook between
 * cells). A process killed abruptly (SIGKILL, kernel restart) therefore keeps everything it
 * logged except at most the last 200 ms of logging. `flushIntervalMs: 0` writes every record
 * before `log()` returns. Why buffer: for the 12,800 records of a batch-4 run, one write per
 * record took ~24 ms on the lesson machine against ~7 ms buffered, next to ~45 ms of training;
 * all of log() now costs about 1 microsecond a record.
 */
export class Run implements MetricLogger {
  readonly id: string;
  readonly project: string;
  readonly name: string;
  readonly dir: string;
  readonly config: Readonly<Record<string, unknown>>;
  private readonly meta: RunMeta;
  private readonly final: Record<string, number> = {};
  private readonly flushIntervalMs: number;
  /** How errors name this run: `run "sgd-bs4" (optimizers/20240101-120000-a1b2c3)`. */
  private readonly label: string;
  private fd: number | null;
  private step = 0;
  private pending = "";
  private lastWrite = Date.now();
  private timer: NodeJS.Timeout | null = null;

  /** Use `initRun`; this constructor is the folder-creating half of it. */
  constructor(options: InitRunOptions) {
    if (typeof options !== "object" || options === null) throw new TypeError("initRun: expected an options object { project, name?, config?, dir? }");
    this.project = checkSegment("initRun: project", options.project);
    if (options.name !== undefined && (typeof options.name !== "string" || options.name.trim() === "")) {
      throw new TypeError(`initRun: name must be a non-empty string (got ${JSON.stringify(options.name)})`);
    }
    const config = options.config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) throw new TypeError("initRun: config must be a plain object");
    const interval = options.flushIntervalMs ?? 200;
    if (typeof interval !== "number" || !(interval >= 0) || !Number.isFinite(interval)) {
      throw new TypeError(`initRun: flushIntervalMs must be a number of milliseconds >= 0 (got ${String(interval)})`);
    }
    this.flushIntervalMs = interval;
    const projectDir = path.join(runsRoot(options.dir), this.project);
    fs.mkdirSync(projectDir, { recursive: true });
    const { id, dir } = createRunFolder(projectDir);
    this.id = id;
    this.dir = dir;
    this.name = options.name ?? id;
    this.label = `run "${this.name}" (${this.project}/${id})`;
    this.config = JSON.parse(JSON.stringify(config)); // a snapshot, as stored
    this.meta = {
      id, project: this.project, name: this.name, config: { ...this.config }, createdAt: new Date().toISOString(),
      pid: process.pid, host: os.hostname(), metrics: {},
    };
    this.writeMeta();
    this.fd = fs.openSync(path.join(dir, metricsFile), "a");
    openRuns.add(this);
    installExitFlush();
  }

  /** Declare a metric and, optionally, the metric it is plotted against (like `wandb.define_metric`). */
  defineMetric(name: string, options: { stepMetric?: string } = {}): void {
    const where = this.where("defineMetric");
    checkMetricName(where, name);
    const definition: MetricDefinition = {};
    if (options.stepMetric !== undefined) {
      definition.stepMetric = checkMetricName(`${where} stepMetric of "${name}"`, options.stepMetric);
      if (definition.stepMetric === name) throw new Error(`${where}: metric "${name}" cannot be its own step metric`);
      this.meta.metrics[definition.stepMetric] ??= {};
    }
    this.meta.metrics[name] = definition;
    this.writeMeta();
  }

  /** Append one record of finite numbers (like `wandb.log`). Throws on anything else, writing nothing. */
  log(record: Record<string, number>): void {
    if (this.fd === null) throw new Error(`${this.where("log")}: the run is finished; start a new run with initRun()`);
    checkRecord(this.label, record);
    const now = Date.now();
    this.pending += recordLine(record, this.step, now);
    this.step += 1;
    Object.assign(this.final, record);
    if (now - this.lastWrite >= this.flushIntervalMs || this.pending.length >= maxPendingBytes) {
      this.flush();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.flushIntervalMs);
      this.timer.unref(); // never keeps a process alive
    }
  }

  /** Write the records still held in memory to metrics.jsonl now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.fd !== null && this.pending !== "") {
      const bytes = Buffer.from(this.pending);
      this.pending = "";
      for (let written = 0; written < bytes.length; ) written += fs.writeSync(this.fd, bytes, written);
    }
    this.lastWrite = Date.now();
  }

  /** Write what is pending, close the metrics file and write summary.json atomically. Calling it again does nothing. */
  finish(): void {
    if (this.fd === null) return;
    this.flush();
    fs.closeSync(this.fd);
    this.fd = null;
    openRuns.delete(this);
    const summary: RunSummary = { finishedAt: new Date().toISOString(), records: this.step, final: { ...this.final } };
    writeFileAtomic(path.join(this.dir, summaryFile), JSON.stringify(summary, null, 2) + "\n");
  }

  /** True once finish() has been called. */
  get finished(): boolean {
    return this.fd === null;
  }

  /** Number of records logged so far. */
  get records(): number {
    return this.step;
  }

  [inspect.custom](): string {
    return `Run(${this.project}/${this.name}, id ${this.id}, ${this.step} records, ${this.finished ? "finished" : "running"})`;
  }

  private writeMeta(): void {
    writeFileAtomic(path.join(this.dir, metaFile), JSON.stringify(this.meta, null, 2) + "\n");
  }


  private where(method: string): string {
    return `${this.label} ${method}`;
  }
}

/** Start a run, after `wandb.init`: creates `<dir>/<project>/<id>/` and returns the run to log to. */
export function initRun(options: InitRunOptions): Run {
  return new Run(options);
}

/** Runs not yet finished in this process: written out on a normal exit, even without finish(). */
const openRuns = new Set<Run>();
let exitFlushInstalled = false;

function installExitFlush(): void {
  if (exitFlushInstalled) return;
  exitFlushInstalled = true;
  process.on("exit", () => {
    for (const run of openRuns) run.flush();
  });
}

const quotedKeys = new Map<string, string>();

/**
 * The JSON line for a checked record, built by hand: this runs once per batch, and
 * JSON.stringify of a spread copy cost more than the write itself. Finite numbers print as JSON.
 */
function recordLine(record: Record<string, number>, step: number, timestamp: number): string {
  let line = "{";
  for (const key in record) {
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) quotedKeys.set(key, (quoted = JSON.stringify(key)));
    line += `${quoted}:${record[key]},`;
  }
  return `${line}"_step":${step},"_timestamp":${timestamp}}\n`;
}

/** mkdir without `recursive` fails if the folder exists: that is what makes ids unique, across processes too. */
function createRunFolder(projectDir: string): { id: string; dir: string } {
  for (let attempt = 0; ; attempt++) {
    const id = newRunId();
    const dir = path.join(projectDir, id);
    try {
      fs.mkdirSync(dir);
      return { id, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 20) throw error;
    }
  }
}
