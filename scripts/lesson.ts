/**
 * `npm run lesson [-- NOTEBOOK...] [--timeout=SECONDS] [--jobs=N]`: executes the lesson's
 * notebooks, each in a fresh tslab kernel, N at once (default: one per core, plus one), and stores their
 * outputs in place. Each notebook is reported as it finishes, with the seconds from its kernel's
 * start to its first output and to the end of its last cell.
 *
 * With $LESSON_TIMES_FILE set, those times also go to that file as JSON (for
 * scripts/bench-lesson.ts).
 *
 * NOTEBOOK selects by number ("3" or "03" matches 03-forward-backward.ipynb) or by part of the name.
 * A notebook that fails is left untouched; the failing cell and its output are printed and the
 * exit status is 1.
 */
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { ensureJupyter } from "./jupyter-env";
import { listNotebooks, storedNotebookProblems } from "./notebook-file";
import { ExecResult, KernelTimes, PrecompileReport, defaultJobs, describeFailure, runAllInPlace } from "./notebook-exec";
import fs from "node:fs";

/** notebooks/, or $LESSON_NOTEBOOKS_DIR (the runner's own tests point it at a temporary folder). */
export const notebooksDir = process.env.LESSON_NOTEBOOKS_DIR ?? path.join(repoRoot, "notebooks");

/** The notebooks matching any selector (all of them when there is none), in name order. */
export function selectNotebooks(all: string[], selectors: string[]): string[] {
  if (selectors.length === 0) return all;
  const unmatched: string[] = [];
  const chosen = new Set<string>();
  for (const sel of selectors) {
    const hits = all.filter((file) => {
      const base = path.basename(file);
      if (/^\d+$/.test(sel)) return Number(base.match(/^\d+/)?.[0] ?? NaN) === Number(sel);
      return base.toLowerCase().includes(sel.toLowerCase());
    });
    if (hits.length === 0) unmatched.push(sel);
    hits.forEach((h) => chosen.add(h));
  }
  if (unmatched.length > 0) {
    const names = all.map((f) => path.basename(f)).join(", ") || "none";
    throw new Error(`no notebook matches ${unmatched.map((s) => `"${s}"`).join(", ")} (notebooks: ${names})`);
  }
  return all.filter((f) => chosen.has(f));
}

interface Args {
  selectors: string[];
  cellTimeout?: number;
  jobs?: number;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { selectors: [] };
  for (const a of argv) {
    const m = /^--(timeout|jobs)=(\d+)$/.exec(a);
    if (m?.[1] === "timeout") args.cellTimeout = Number(m[2]);
    else if (m?.[1] === "jobs" && Number(m[2]) > 0) args.jobs = Number(m[2]);
    else if (a.startsWith("-")) throw new Error(`unknown option ${a} (usage: npm run lesson -- [NOTEBOOK...] [--timeout=SECONDS] [--jobs=N])`);
    else args.selectors.push(a);
  }
  return args;
}

/** What $LESSON_TIMES_FILE receives: the kernels' times of each notebook, in name order. */
export interface LessonTimes {
  jobs: number;
  /** Seconds executing the notebooks (without the build and set-up check). */
  seconds: number;
  /** The compile of every cell before the kernels start (null with LESSON_CACHE=off). */
  precompile: PrecompileReport | null;
  notebooks: Array<{ notebook: string; ok: boolean } & KernelTimes>;
}

const secs = (t: number | null): string => (t === null ? "-" : `${t.toFixed(1)} s`);

/** "first output 2.1 s, last cell 8.4 s": a kernel's times, counted from its start. */
export function describeTimes(result: ExecResult): string {
  return `first output ${secs(result.times.firstOutput)}, last cell ${secs(result.times.lastCell)}`;
}

/** "cells: 111 compiled, 0 from the cache, in 6.9 s": the line for the compile before the kernels. */
export function describePrecompile(r: PrecompileReport): string {
  const what = r.error ? `not compiled ahead (${r.error}); each kernel compiles its own` : `${r.compiled} compiled, ${r.cached} from the cache, in ${r.seconds.toFixed(1)} s`;
  return [`cells: ${what}`, ...r.stopped.map((s) => `  stopped at ${s}`)].join("\n");
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const notebooks = selectNotebooks(listNotebooks(notebooksDir), args.selectors);
  if (notebooks.length === 0) {
    console.log(`No notebooks in ${path.relative(process.cwd(), notebooksDir) || notebooksDir}: nothing to run.`);
    return 0;
  }
  const { python } = ensureJupyter();
  const jobs = Math.min(args.jobs ?? defaultJobs(), notebooks.length);
  console.log(`Executing ${notebooks.length} notebook${notebooks.length > 1 ? "s" : ""}, ${jobs} kernel${jobs > 1 ? "s" : ""} at a time:`);
  const width = Math.max(...notebooks.map((f) => path.basename(f).length));
  const started = Date.now();
  const failed: string[] = [];
  const times: LessonTimes["notebooks"] = [];
  let precompile: PrecompileReport | null = null;
  await runAllInPlace(notebooks, {
    cellTimeout: args.cellTimeout,
    python,
    jobs,
    onPrecompiled: (report) => {
      precompile = report;
      console.log(describePrecompile(report));
    },
    onResult: (file, result) => {
      const name = path.basename(file);
      times.push({ notebook: name, ok: result.ok, ...result.times });
      console.log(`${name.padEnd(width)}  ${result.ok ? "ok" : "FAILED"}  (${describeTimes(result)})`);
      if (result.ok) {
        for (const p of storedNotebookProblems(result.notebook!, fs.statSync(file).size)) console.log(`  warning: ${p}`);
        return;
      }
      console.error(describeFailure(name, result));
      if (result.failedCopy) console.error(`  executed copy with outputs: ${result.failedCopy} (the stored notebook is unchanged)`);
      failed.push(name);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  if (process.env.LESSON_TIMES_FILE) {
    times.sort((a, b) => a.notebook.localeCompare(b.notebook));
    fs.writeFileSync(process.env.LESSON_TIMES_FILE, JSON.stringify({ jobs, seconds, precompile, notebooks: times } satisfies LessonTimes, null, 2) + "\n");
  }
  const total = seconds.toFixed(1);
  const passed = notebooks.length - failed.length;
  console.log(`${passed}/${notebooks.length} notebooks ran in ${total} s${failed.length ? `; failed: ${failed.sort().join(", ")}` : ""}`);
  return failed.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`lesson: ${e.message}`);
      process.exit(1);
    },
  );
}
