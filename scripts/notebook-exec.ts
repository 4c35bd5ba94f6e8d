/**
 * Executing notebooks headlessly, each in a fresh tslab kernel, via scripts/execute_notebook.py
 * (nbclient), which keeps the outputs of a failing cell so we can show them. One Python process
 * runs a whole batch, several kernels at once, while one Chromium (scripts/render-service.ts)
 * draws every figure's PNG.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { renderServiceVariable } from "../src/lesson/notebook/render";
import { jupyterPython } from "./jupyter-env";
import { Notebook, cellLabel, outputText, readNotebook } from "./notebook-file";
import { startRenderService } from "./render-service";
import { cacheRoot, pruneOlderThan } from "./cache/files";
import { keepFailedCopy } from "./failed-copy";
import { privateKernelFolder } from "./kernel-spec";

/** The module that gives each kernel the cell cache (scripts/cache/install-cell-cache.ts). */
const cellCacheModule = path.join(__dirname, "cache", "install-cell-cache.js");

/** Entries unused for this many days are deleted when a runner starts. */
const cacheMaxAgeDays = 30;

/**
 * The kernels' environment: `env` plus NODE_OPTIONS that preload the cell cache into every tslab
 * kernel (other Node processes ignore it), unless LESSON_CACHE=off.
 */
export function kernelEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const root = cacheRoot(env);
  if (root === null) return env;
  for (const sub of ["tslab-cells", "figure-png"]) pruneOlderThan(path.join(root, sub), cacheMaxAgeDays);
  const preload = `--require ${JSON.stringify(cellCacheModule)}`;
  const current = env.NODE_OPTIONS ?? "";
  return current.includes(preload) ? env : { ...env, NODE_OPTIONS: `${current} ${preload}`.trim() };
}

export interface ExecOptions {
  /** Seconds allowed per cell. */
  cellTimeout?: number;
  /** Kernels running at once (default: $LESSON_JOBS, else one per core plus one). */
  jobs?: number;
  /** The Python to run nbclient with (default: the one scripts/jupyter-env.ts chooses). */
  python?: string;
  /** Hears how the cells' compile ahead of the kernels went (not called with LESSON_CACHE=off). */
  onPrecompiled?: (report: PrecompileReport) => void;
}

/** Seconds from a kernel's start; null when not reached. */
export interface KernelTimes {
  ready: number | null;
  firstOutput: number | null;
  lastCell: number | null;
}

export interface ExecResult {
  ok: boolean;
  times: KernelTimes;
  /** Index of the failing cell, when one failed. */
  cell?: number | null;
  /** nbclient's error message, when something failed. */
  error?: string;
  /** The executed (possibly partial) notebook, when one was written. */
  notebook?: Notebook;
}

export interface NotebookJob {
  source: string;
  output: string;
}

export const defaultCellTimeout = Number(process.env.LESSON_CELL_TIMEOUT ?? 900);

/**
 * One kernel per core, plus one: a kernel mostly compiles (tslab type-checks every cell), but it
 * also waits on its Python client, the render service and the disk, and the extra kernel fills
 * those gaps. On 2 busy cores, 2, 3 and 4 kernels ran the lesson in 82, 63 and 59 s.
 */
export function defaultJobs(): number {
  const fromEnv = Number(process.env.LESSON_JOBS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : os.availableParallelism() + 1;
}

interface Report {
  index: number;
  ok: boolean;
  cell?: number | null;
  error?: string;
  times?: { ready?: number | null; first_output?: number | null; last_cell?: number | null };
}

function resultOf(report: Report, job: NotebookJob): ExecResult {
  const t = report.times ?? {};
  const times = { ready: t.ready ?? null, firstOutput: t.first_output ?? null, lastCell: t.last_cell ?? null };
  const notebook = fs.existsSync(job.output) ? readNotebook(job.output) : undefined;
  return { ok: report.ok, cell: report.cell, error: report.error, times, notebook };
}

/**
 * The order in which kernels start: most code cells first (each cell costs a compile), so that
 * with several kernels at once the long chapters do not all end up last. Returns indices.
 */
export function longestFirst(sources: string[], codeCells: (file: string) => number = countCodeCells): number[] {
  const cells = sources.map(codeCells);
  return sources.map((_, i) => i).sort((a, b) => cells[b] - cells[a] || sources[a].localeCompare(sources[b]));
}

function countCodeCells(file: string): number {
  try {
    return readNotebook(file).cells.filter((c) => c.cell_type === "code").length;
  } catch {
    return 0; // the executor reports an unreadable notebook
  }
}

/**
 * Executes each job's `source` (kernel cwd: its folder) into its `output`, `jobs` kernels at once,
 * longest first. `onResult` hears of each notebook (by its index in `jobs`) as soon as it is done.
 */
export async function executeNotebooks(
  jobs: NotebookJob[],
  options: ExecOptions & { onResult?: (index: number, result: ExecResult) => void } = {},
): Promise<ExecResult[]> {
  const script = path.join(repoRoot, "scripts", "execute_notebook.py");
  const args = [script, "--jobs", String(options.jobs ?? defaultJobs()), "--timeout", String(options.cellTimeout ?? defaultCellTimeout)];
  const order = longestFirst(jobs.map((j) => j.source));
  const env: NodeJS.ProcessEnv = kernelEnv({ ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" });
  const precompiling = cacheRoot(env) !== null;
  if (precompiling) args.push("--wait-for-go");
  for (const i of order) args.push(jobs[i].source, jobs[i].output);
  // A runner started by another one (a test under `npm run lesson`) uses the outer service.
  const service = process.env[renderServiceVariable] ? null : await startRenderService();
  if (service) env[renderServiceVariable] = service.url;
  // The kernels run this runner's own Node (a private kernelspec, first on JUPYTER_PATH), so a
  // run under Node 26 tests Node 26 whatever kernel the machine has registered.
  const kernels = privateKernelFolder(os.tmpdir());
  env.JUPYTER_PATH = [kernels, ...(process.env.JUPYTER_PATH ? [process.env.JUPYTER_PATH] : [])].join(path.delimiter);
  const results: Array<ExecResult | undefined> = jobs.map(() => undefined);
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(options.python ?? jupyterPython(), args, { stdio: ["pipe", "pipe", "pipe"], env });
      child.stdin.on("error", () => undefined); // the executor may exit without reading it
      if (precompiling) {
        // While Python imports nbclient, the cells are compiled into the cache, notebook by
        // notebook in start order; each kernel starts once its notebook is done.
        const sources = order.map((i) => jobs[i].source);
        void precompileCells(sources, (k) => child.stdin.write(`${k}\n`), options.onPrecompiled).then(() => child.stdin.end());
      } else child.stdin.end();
      let pending = "";
      let stderr = "";
      child.stdout.on("data", (d) => {
        pending += d;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          let report: Report;
          try {
            report = JSON.parse(line);
          } catch {
            continue; // not a report: something the executor's libraries printed
          }
          const index = order[report.index]; // the executor counts in start order
          const result = resultOf(report, jobs[index]);
          results[index] = result;
          options.onResult?.(index, result);
        }
      });
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", (e) => reject(new Error(`cannot run ${script}: ${e.message}`)));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    // Notebooks the executor never reported on: it died (or was killed) first.
    return results.map((r, i) => {
      if (r) return r;
      const error = `executor exited with ${code}: ${stderr.trim() || "no report"}`;
      const result = resultOf({ index: i, ok: false, cell: null, error }, jobs[i]);
      options.onResult?.(i, result);
      return result;
    });
  } finally {
    await service?.close();
    fs.rmSync(kernels, { recursive: true, force: true });
  }
}

/** What the precompile step did: cells compiled and found compiled, notebooks it stopped early. */
export interface PrecompileReport {
  compiled: number;
  cached: number;
  stopped: string[];
  seconds: number;
  /** Why it failed, if it did (the kernels then compile their own cells). */
  error?: string;
}

/** Runs scripts/cache/precompile.ts over `sources`; never rejects. */
function precompileCells(sources: string[], onReady: (index: number) => void, onDone?: (report: PrecompileReport) => void): Promise<void> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    // A larger young generation: the compiler allocates much short-lived garbage (about 10% less CPU).
    const flags = ["--max-semi-space-size=64"];
    const child = spawn(process.execPath, [...flags, path.join(__dirname, "cache", "precompile.js"), ...sources], { stdio: ["ignore", "pipe", "pipe"] });
    let pending = "";
    let summary = "";
    let err = "";
    child.stdout.on("data", (d) => {
      const lines = (pending + d).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const ready = /^\{"ready":(\d+)\}$/.exec(line);
        if (ready) onReady(Number(ready[1]));
        else summary = line; // the last line
      }
    });
    child.stderr.on("data", (d) => (err += d));
    const finish = (error?: string) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let report: PrecompileReport = { compiled: 0, cached: 0, stopped: [], seconds, error };
      try {
        if (!error) report = { ...(JSON.parse(summary) as Omit<PrecompileReport, "seconds">), seconds };
      } catch {
        report.error = `unexpected output: ${summary.slice(0, 200)}`;
      }
      onDone?.(report);
      resolve();
    };
    child.on("error", (e) => finish(e.message));
    child.on("close", (code) => finish(code === 0 ? undefined : `exited with ${code}: ${err.trim().split("\n").slice(-3).join(" ")}`));
  });
}

/** `executeNotebooks`, with one promise per job that settles as soon as that notebook is done. */
export function executeEach(jobs: NotebookJob[], options: ExecOptions = {}): Array<Promise<ExecResult>> {
  const settle: Array<(r: ExecResult) => void> = [];
  const each = jobs.map(() => new Promise<ExecResult>((resolve) => settle.push(resolve)));
  const all = executeNotebooks(jobs, { ...options, onResult: (i, result) => settle[i](result) });
  return each.map((p) => Promise.race([p, all.then(() => p)]));
}

/** Executes one notebook: `source` (kernel cwd: its folder) into `output`. */
export async function executeNotebook(source: string, output: string, options: ExecOptions = {}): Promise<ExecResult> {
  return (await executeNotebooks([{ source, output }], options))[0];
}

/** A multi-line account of why a notebook failed: the cell, its source line, its outputs. */
export function describeFailure(name: string, result: ExecResult): string {
  const lines = [`${name} failed`];
  const nb = result.notebook;
  if (nb && result.cell != null) {
    lines.push(`  at ${cellLabel(nb, result.cell)}`);
    const outputs = nb.cells[result.cell].outputs ?? [];
    if (outputs.length === 0) lines.push("  (the cell wrote no output)");
    for (const out of outputs) lines.push(...outputText(out).trimEnd().split("\n").map((l) => `  | ${l}`));
  }
  // For a failed cell, nbclient's message only repeats the source (tslab reports "<Error>:");
  // timeouts, dead kernels and start-up failures are worth printing.
  if (result.error && !result.error.startsWith("CellExecutionError")) lines.push(`  ${result.error}`);
  return lines.join("\n");
}

/** A notebook's result after `runInPlace`: a failed run's outputs are kept in `failedCopy`. */
export type InPlaceResult = ExecResult & { failedCopy?: string };

/**
 * Executes notebooks and stores each one's outputs in place only if every cell succeeded, so a
 * failed run never leaves a half-executed notebook behind. A failed copy is kept in a private temp
 * folder. `onResult` hears of each notebook as soon as it is stored (or failed).
 */
export async function runAllInPlace(
  files: string[],
  options: ExecOptions & { onResult?: (file: string, result: InPlaceResult) => void } = {},
): Promise<InPlaceResult[]> {
  const jobs = files.map((file) => ({ source: file, output: path.join(path.dirname(file), `.${path.basename(file)}.running`) }));
  const settle = (i: number, result: ExecResult): InPlaceResult => {
    const { source: file, output: tmp } = jobs[i];
    if (result.ok) {
      fs.renameSync(tmp, file);
      return result;
    }
    if (!fs.existsSync(tmp)) return result;
    const failedCopy = keepFailedCopy(tmp, file);
    fs.rmSync(tmp, { force: true });
    return { ...result, failedCopy };
  };
  const settled: InPlaceResult[] = [];
  try {
    await executeNotebooks(jobs, {
      ...options,
      onResult: (i, result) => {
        settled[i] = settle(i, result);
        options.onResult?.(files[i], settled[i]);
      },
    });
    return settled;
  } finally {
    for (const job of jobs) fs.rmSync(job.output, { force: true });
  }
}

/** `runAllInPlace` for one notebook. */
export async function runInPlace(file: string, options: ExecOptions = {}): Promise<InPlaceResult> {
  return (await runAllInPlace([file], options))[0];
}
