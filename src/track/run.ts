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
export interface RunOptions {
  project: string;
  /** A readable label for charts and tables; defaults to the run id. */
  name?: string;
  config?: Record<string, unknown>;
  /** Runs root; defaults to $RUNS_DIR, else `<repoRoot>/runs`. */
  dir?: string;
}

/**
 * A tracked run: `defineMetric`, `log`, `finish`, as in wandb.
 *
 * Durability: every `log()` appends its line to metrics.jsonl with one write() on a file opened
 * at start, so a record is in the operating system's hands before `log()` returns. A process
 * killed at any point (SIGKILL, kernel restart) keeps every record whose `log()` returned.
 * (Measured on the lesson machine: ~2.6 microseconds per record, ~35 ms for a 13k-batch run,
 * against ~25 ms when buffering; not worth losing records for.)
 */
export class Run implements MetricLogger {
  readonly id: string;
  readonly project: string;
  readonly name: string;
  readonly dir: string;
  readonly config: Readonly<Record<string, unknown>>;
  private readonly meta: RunMeta;
  private readonly final: Record<string, number> = {};
  private fd: number | null;
  private step = 0;

  /** Use `initRun`; this constructor is the folder-creating half of it. */
  constructor(options: RunOptions) {
    if (typeof options !== "object" || options === null) throw new TypeError("initRun: expected an options object { project, name?, config?, dir? }");
    this.project = checkSegment("initRun: project", options.project);
    if (options.name !== undefined && (typeof options.name !== "string" || options.name.trim() === "")) {
      throw new TypeError(`initRun: name must be a non-empty string (got ${JSON.stringify(options.name)})`);
    }
    const config = options.config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) throw new TypeError("initRun: config must be a plain object");
    const projectDir = path.join(runsRoot(options.dir), this.project);
    fs.mkdirSync(projectDir, { recursive: true });
    const { id, dir } = createRunFolder(projectDir);
    this.id = id;
    this.dir = dir;
    this.name = options.name ?? id;
    this.config = JSON.parse(JSON.stringify(config)); // a snapshot, as stored
    this.meta = {
      id, project: this.project, name: this.name, config: { ...this.config }, createdAt: new Date().toISOString(),
      pid: process.pid, host: os.hostname(), metrics: {},
    };
    this.writeMeta();
    this.fd = fs.openSync(path.join(dir, metricsFile), "a");
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
    const where = this.where("log");
    if (this.fd === null) throw new Error(`${where}: the run is finished; start a new run with initRun()`);
    checkRecord(where, record);
    const line = JSON.stringify({ ...record, _step: this.step, _timestamp: Date.now() }) + "\n";
    fs.writeSync(this.fd, line);
    this.step += 1;
    Object.assign(this.final, record);
  }

  /** Close the metrics file and write summary.json atomically. Calling it again does nothing. */
  finish(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
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
    return `run "${this.name}" (${this.project}/${this.id}) ${method}`;
  }
}

/** Start a run, after `wandb.init`: creates `<dir>/<project>/<id>/` and returns the run to log to. */
export function initRun(options: RunOptions): Run {
  return new Run(options);
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
