import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import type { MetricLogger } from "../train/hooks";
import { writeFileAtomic } from "./atomic";
import { checkSegment, metaFile, metricsFile, newRunId, runsRoot, summaryFile } from "./layout";
import type { MetricDefinition, RunMeta, RunSummary } from "./types";

/** What `initRun` takes, after `wandb.init(project=..., name=..., config=...)`. */
export interface InitRunOptions {
  project: string;
  /** A readable label for charts and tables; defaults to the run id. */
  name?: string;
  config?: Record<string, unknown>;
  /** Runs root; defaults to $RUNS_DIR, else `<repoRoot>/runs`. */
  dir?: string;
  /** Groups the runs of one sweep (set by runSweep; shown by the dashboard's sweep view). */
  sweep?: string;
}

/**
 * The summary is written into this file, made at initRun, and then renamed over summary.json.
 * Renaming is atomic, and rewriting a file that already holds the space needs no new disk
 * blocks: so a run can still be marked failed when the disk is full.
 */
const summaryReserve = `.${summaryFile}.reserve`;
const reserveBytes = 4096;

/**
 * A tracked run: `defineMetric`, `log`, `finish`, as in wandb.
 *
 * Durability: `log()` writes its record to metrics.jsonl (one `write` call) before it returns,
 * so a record it accepted survives the process being killed at any moment, busy event loop or
 * not; `npm run measure-logging` measures what that costs (bench-results/README.md).
 * A write that fails (disk full, file removed) truncates the partial line away,
 * marks the run failed, and throws to the caller; the summary counts only what is on disk.
 */
export class Run implements MetricLogger {
  readonly id: string;
  readonly project: string;
  readonly name: string;
  readonly dir: string;
  readonly config: Readonly<Record<string, unknown>>;
  private readonly meta: RunMeta;
  private readonly final: Record<string, number> = {};
  /** How errors name this run: `run "sgd-bs4" (optimizers/20240101-120000-a1b2c3)`. */
  private readonly label: string;
  private fd: number | null;
  private step = 0;
  private failure: string | null = null;

  /** Use `initRun`; this constructor is the folder-creating half of it. */
  constructor(options: InitRunOptions) {
    if (typeof options !== "object" || options === null) throw new TypeError("initRun: expected an options object { project, name?, config?, dir? }");
    this.project = checkSegment("initRun: project", options.project);
    if (options.name !== undefined && (typeof options.name !== "string" || options.name.trim() === "")) {
      throw new TypeError(`initRun: name must be a non-empty string (got ${JSON.stringify(options.name)})`);
    }
    const config = options.config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) throw new TypeError("initRun: config must be a plain object");
    if (options.sweep !== undefined) checkSegment("initRun: sweep", options.sweep);
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
    if (options.sweep !== undefined) this.meta.sweep = options.sweep;
    this.writeMeta();
    fs.writeFileSync(path.join(dir, summaryReserve), Buffer.alloc(reserveBytes, 0x20));
    this.fd = fs.openSync(path.join(dir, metricsFile), "a");
    openRuns.add(this);
    installCrashMarker();
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

  /** Append one record of finite numbers (like `wandb.log`), on disk when this returns. Throws on anything else, writing nothing. */
  log(record: Record<string, number>): void {
    if (this.fd === null) {
      throw new Error(`${this.where("log")}: the run ${this.failure === null ? "is finished" : `failed (${this.failure})`}; start a new run with initRun()`);
    }
    checkRecord(this.label, record);
    const line = Buffer.from(recordLine(record, this.step, Date.now()));
    let written = 0;
    try {
      while (written < line.length) written += fs.writeSync(this.fd, line, written);
    } catch (error) {
      const message = `could not write ${metricsFile}: ${(error as Error).message}`;
      try {
        if (written > 0) fs.ftruncateSync(this.fd, fs.fstatSync(this.fd).size - written); // no half record left behind
      } catch {
        // the reader skips a cut last line with a warning
      }
      this.fail(`write error: ${(error as Error).message}`);
      throw new Error(`${this.where("log")}: ${message}; the run is marked failed with ${this.step} records kept`);
    }
    this.step += 1;
    Object.assign(this.final, record);
  }

  /** Close the metrics file and write summary.json (atomically). Calling it again does nothing. */
  finish(): void {
    this.close({ state: "finished" });
  }

  /**
   * End the run as failed, with the reason the dashboard shows ("diverged at epoch 3", "write
   * error: ..."). The training loop calls it when training throws. Does nothing once ended.
   */
  fail(reason: string): void {
    if (this.fd === null) return;
    this.failure = String(reason);
    this.close({ state: "failed", reason: this.failure });
  }

  /** True once finish() or fail() has been called. */
  get finished(): boolean {
    return this.fd === null;
  }

  /** Number of records logged so far (all of them on disk). */
  get records(): number {
    return this.step;
  }

  [inspect.custom](): string {
    const state = this.fd !== null ? "running" : this.failure === null ? "finished" : `failed: ${this.failure}`;
    return `Run(${this.project}/${this.name}, id ${this.id}, ${this.step} records, ${state})`;
  }

  private close(ending: Pick<RunSummary, "state" | "reason">): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    openRuns.delete(this);
    fs.closeSync(fd);
    const summary: RunSummary = { ...ending, finishedAt: new Date().toISOString(), records: this.step, final: { ...this.final } };
    const reserve = path.join(this.dir, summaryReserve);
    fs.writeFileSync(reserve, JSON.stringify(summary, null, 2) + "\n");
    fs.renameSync(reserve, path.join(this.dir, summaryFile));
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

/** Runs not yet ended in this process: an uncaught exception marks them failed before the process dies. */
const openRuns = new Set<Run>();
let crashMarkerInstalled = false;
function installCrashMarker(): void {
  if (crashMarkerInstalled) return;
  crashMarkerInstalled = true;
  process.on("uncaughtExceptionMonitor", (error) => {
    // Only when the process is about to die: a host that handles uncaught exceptions and lives
    // on (some kernels do) keeps its runs going.
    if (process.listenerCount("uncaughtException") > 0) return;
    for (const run of [...openRuns]) {
      try {
        run.fail(`exception: ${error instanceof Error ? error.message : String(error)}`);
      } catch {
        // the process is going down anyway; the run will read as unfinished
      }
    }
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

/**
 * Checks on what the training loop logs. Values must be finite numbers: a NaN or a string in the
 * metrics file would only surface later as a broken chart, so log() refuses it on the spot, naming
 * the run, the metric and the value. Names starting with "_" are reserved for the tracker's own
 * fields (`_step`, `_timestamp`).
 */

/** Throw unless `name` is usable as a metric name. */
function checkMetricName(where: string, name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.startsWith("_")) {
    throw new Error(`${where}: metric name must be a non-empty string not starting with "_" (got ${JSON.stringify(name)})`);
  }
  return name;
}

/**
 * Throw unless `record` is an object of finite numbers with valid metric names. Runs once per
 * batch: the error text (naming `run`) is only built when something is wrong.
 */
function checkRecord(run: string, record: unknown): Record<string, number> {
  const fail = (message: string) => new TypeError(`${run} log: ${message}`);
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    throw fail(`log() takes an object of metric values, got ${describe(record)}`);
  }
  let count = 0;
  for (const name in record) {
    const value = (record as Record<string, unknown>)[name];
    if (name.length === 0 || name.charCodeAt(0) === 95 /* "_" */) checkMetricName(`${run} log`, name);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw fail(`metric "${name}" must be a finite number, got ${describe(value)}`);
    }
    count++;
  }
  if (count === 0) throw fail("log() got an empty record");
  return record as Record<string, number>;
}

function describe(value: unknown): string {
  if (typeof value === "number") return String(value); // NaN, Infinity
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
