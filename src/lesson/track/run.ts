import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import type { MetricLogger } from "../train/hooks";
import { writeFileAtomic } from "./atomic";
import { jsonCap } from "./confined";
import { SummaryReserve, boundReason, summaryText } from "./summary-reserve";
import { nullProto } from "./stored-values";
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
  /** Null-prototype: a metric called "constructor" or "toString" is an ordinary key. */
  private readonly final: Record<string, number> = Object.create(null);
  /** How errors name this run: `run "sgd-bs4" (optimizers/20240101-120000-a1b2c3)`. */
  private readonly label: string;
  private fd: number | null;
  /** The folder itself, held open: its files are reached through it, whatever happens to its name. */
  private readonly folder: RunFolderHandle;
  private readonly reserve: SummaryReserve;
  private step = 0;
  private failure: string | null = null;
  /** Why the run ended without a summary on disk; finish() and fail() then throw it. */
  private summaryProblem: string | null = null;

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
    const name = options.name;
    const snapshot: Record<string, unknown> = JSON.parse(JSON.stringify(config)); // a snapshot, as stored
    const refuse = (message: string) => new Error(`initRun: could not create run ${JSON.stringify(name ?? "(unnamed)")} in project "${this.project}": ${message}`);
    let created: { id: string; dir: string } | null = null;
    try {
      const projectDir = path.join(runsRoot(options.dir), this.project);
      fs.mkdirSync(projectDir, { recursive: true });
      created = createRunFolder(projectDir);
      this.id = created.id;
      this.dir = created.dir;
      this.name = name ?? created.id;
      this.label = `run "${this.name}" (${this.project}/${created.id})`;
      this.config = snapshot;
      this.meta = {
        id: created.id, project: this.project, name: this.name, config: { ...snapshot }, createdAt: new Date().toISOString(),
        pid: process.pid, host: os.hostname(), metrics: Object.create(null),
      };
      if (options.sweep !== undefined) this.meta.sweep = options.sweep;
      const metaBytes = Buffer.byteLength(metaText(this.meta));
      if (metaBytes > jsonCap) {
        throw new RangeError(`initRun: run ${JSON.stringify(this.name)}: config is ${kib(metaBytes)} KiB as JSON, over the ${kib(jsonCap)} KiB a ${metaFile} may hold`);
      }
      this.folder = holdRunFolder(created.dir);
      this.writeMeta();
      this.reserve = new SummaryReserve(path.join(this.folder.path, summaryFile));
      this.fd = fs.openSync(path.join(this.folder.path, metricsFile), "a");
    } catch (error) {
      if (created) fs.rmSync(created.dir, { recursive: true, force: true }); // no half run left to list as unfinished
      if (error instanceof RangeError) throw error;
      throw refuse((error as Error).message);
    }
    openRuns.add(this);
    installCrashMarker();
  }

  /** Declare a metric and, optionally, the metric it is plotted against (like `wandb.define_metric`). */
  defineMetric(name: string, options: { stepMetric?: string } = {}): void {
    const where = this.where("defineMetric");
    checkMetricName(where, name);
    const definition: MetricDefinition = {};
    // Built on a copy and measured first: a refused definition leaves the run as it was.
    const metrics = nullProto(this.meta.metrics);
    if (options.stepMetric !== undefined) {
      definition.stepMetric = checkMetricName(`${where} stepMetric of "${name}"`, options.stepMetric);
      if (definition.stepMetric === name) throw new Error(`${where}: metric "${name}" cannot be its own step metric`);
      metrics[definition.stepMetric] ??= {};
    }
    metrics[name] = definition;
    const bytes = Buffer.byteLength(metaText({ ...this.meta, metrics }));
    if (bytes > jsonCap) {
      throw new RangeError(`${where}: metric definitions would make ${metaFile} ${kib(bytes)} KiB, over the ${kib(jsonCap)} KiB a ${metaFile} may hold`);
    }
    this.meta.metrics = metrics;
    this.checkFolder("defineMetric");
    this.writeMeta();
  }

  /** Append one record of finite numbers (like `wandb.log`), on disk when this returns. Throws on anything else, writing nothing. */
  log(record: Record<string, number>): void {
    if (this.fd === null) {
      throw new Error(`${this.where("log")}: the run ${this.failure === null ? "is finished" : `failed (${this.failure})`}; start a new run with initRun()`);
    }
    record = checkRecord(this.label, readOnce(record));
    this.checkFolder("log");
    try {
      this.reserve.makeRoomFor(record, this.final);
    } catch (error) {
      if (error instanceof RangeError) throw new RangeError(`${this.where("log")}: ${error.message}`);
      this.endAfterWriteError(error as Error);
      throw new Error(`${this.where("log")}: could not reserve room for the summary: ${(error as Error).message}; ${this.endedWith()}`);
    }
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
      this.endAfterWriteError(error as Error);
      throw new Error(`${this.where("log")}: ${message}; ${this.endedWith()}`);
    }
    this.step += 1;
    Object.assign(this.final, record);
  }

  /** Close the metrics file and write summary.json (atomically). Calling it again does nothing. */
  finish(): void {
    this.close("finish", { state: "finished" });
  }

  /**
   * End the run as failed, with the reason the dashboard shows ("diverged at epoch 3", "write
   * error: ..."). The training loop calls it when training throws. Does nothing once ended.
   */
  fail(reason: string): void {
    if (this.fd === null) return;
    this.failure = boundReason(String(reason));
    this.close("fail", { state: "failed", reason: this.failure });
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

  /**
   * Close the metrics file and put the summary in place. Once the run has ended without a
   * summary on disk, every later finish() or fail() throws why: it never returns as if all was well.
   */
  private close(method: string, ending: Pick<RunSummary, "state" | "reason">): void {
    if (this.fd === null) {
      if (this.summaryProblem !== null) throw new Error(`${this.where(method)}: the run ended with no summary written (${this.summaryProblem})`);
      return;
    }
    const fd = this.fd;
    this.fd = null;
    openRuns.delete(this);
    try {
      fs.closeSync(fd);
      this.checkFolder(method);
      const summary: RunSummary = { ...ending, finishedAt: new Date().toISOString(), records: this.step, final: { ...this.final } };
      this.reserve.writeOver(summaryText(summary));
    } catch (error) {
      const message = (error as Error).message;
      this.summaryProblem ??= message;
      throw new Error(message.startsWith(this.label) ? message : `${this.where(method)}: could not write ${summaryFile}: ${message}`);
    } finally {
      this.folder.close();
    }
  }

  /** Throw, naming the run, when its folder is no longer where its files are (removed, or its metrics file deleted). */
  private checkFolder(method: string): void {
    if (this.fd !== null && fs.fstatSync(this.fd).nlink > 0) return;
    if (this.fd === null && this.folder.present()) return;
    const problem = `the run's folder ${this.dir} was removed (or its ${metricsFile}); its records are lost`;
    this.summaryProblem ??= problem;
    if (this.fd !== null) {
      const fd = this.fd;
      this.fd = null;
      this.failure = problem;
      openRuns.delete(this);
      fs.closeSync(fd);
      this.folder.close();
    }
    throw new Error(`${this.where(method)}: ${problem}`);
  }

  /** After a failed write: end the run as failed if its summary can still be written. */
  private endAfterWriteError(error: Error): void {
    try {
      this.fail(`write error: ${error.message}`);
    } catch {
      // summaryProblem says why; endedWith() reports it
    }
  }

  private endedWith(): string {
    return this.summaryProblem === null
      ? `the run is marked failed with ${this.step} records kept`
      : `the run ended with ${this.step} records kept but no summary (${this.summaryProblem})`;
  }

  private writeMeta(): void {
    writeFileAtomic(path.join(this.folder.path, metaFile), metaText(this.meta));
  }

  private where(method: string): string {
    return `${this.label} ${method}`;
  }
}

/** Start a run, after `wandb.init`: creates `<dir>/<project>/<id>/` and returns the run to log to. */
export function initRun(options: InitRunOptions): Run {
  return new Run(options);
}

function metaText(meta: RunMeta): string {
  return JSON.stringify(meta, null, 2) + "\n";
}

function kib(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

/** A run folder held open by a descriptor, reached through /proc/self/fd where Linux offers it. */
interface RunFolderHandle {
  readonly path: string;
  /** False once the folder has been removed. */
  present(): boolean;
  close(): void;
}

const procFd = "/proc/self/fd";
const hasProcFd = fs.existsSync(procFd);

function holdRunFolder(dir: string): RunFolderHandle {
  const fd = fs.openSync(dir, fs.constants.O_RDONLY | (fs.constants.O_DIRECTORY ?? 0));
  let open = true;
  return {
    path: hasProcFd ? `${procFd}/${fd}` : dir,
    present: () => (open ? fs.fstatSync(fd).nlink > 0 : fs.existsSync(dir)),
    close: () => {
      if (open) fs.closeSync(fd);
      open = false;
    },
  };
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

/** Each value of `record` read once (a getter may change its answer): what is checked is what is written. */
function readOnce(record: unknown): unknown {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return record;
  const copy: Record<string, unknown> = Object.create(null);
  for (const name in record) copy[name] = (record as Record<string, unknown>)[name];
  return copy;
}

function describe(value: unknown): string {
  if (typeof value === "number") return String(value); // NaN, Infinity
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
