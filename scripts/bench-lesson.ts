/**
 * `npm run bench-lesson [-- --rounds=N]`: how long `npm run lesson` takes against executing one
 * empty tslab notebook (one cell, `1 + 1`, with nbconvert --execute in the Python that runs the
 * lesson, scripts/jupyter-env.ts), side by side in one run. The lesson runs three ways:
 *   cold:     with an empty cache (a fresh clone, or every chapter edited): every cell compiled
 *   warm:     again, with the cache the cold run left (a re-run; an edit recompiles only what it touches)
 *   no cache: LESSON_CACHE=off, each kernel compiling its own cells (the runner before the cache)
 * Each round: empty twice, cold, empty twice, warm, empty twice, no cache; then empty twice.
 * Prints the times, their ratios (median lesson / median empty), each chapter's kernel times in
 * the last cold run and the load average, and writes them to bench-results/lesson-time.json.
 * The lesson runs on copies of the notebooks with its own cache folder, so the stored notebooks
 * and the checkout's cache are left alone. A benchmark, not a test: it never fails on a slow result.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { median } from "../src/tools/bench/stats";
import { ensureJupyter } from "./jupyter-env";
import { Notebook, listNotebooks, tslabKernelspec } from "./notebook-file";
import { type LessonTimes, describePrecompile } from "./lesson";

type Mode = "cold" | "warm" | "off";
const modes: Mode[] = ["cold", "warm", "off"];
const modeNames: Record<Mode, string> = { cold: "cold", warm: "warm", off: "no cache" };

/** Runs `command` and resolves with its wall-clock seconds; rejects, with its output, if it fails. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Number(process.hrtime.bigint() - started) / 1e9);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}

const load = (): number[] => os.loadavg().map((x) => Number(x.toFixed(2)));
const fmt = (t: number | null): string => (t === null ? "-" : t.toFixed(1));

async function main(): Promise<void> {
  const m = /^--rounds=(\d+)$/.exec(process.argv[2] ?? "--rounds=1");
  if (!m || Number(m[1]) < 1 || process.argv.length > 3) throw new Error("usage: npm run bench-lesson [-- --rounds=N]");
  const rounds = Number(m[1]);
  const { python } = ensureJupyter();

  const work = fs.mkdtempSync(path.join(repoRoot, "dist", "lesson-bench-"));
  const copies = path.join(work, "notebooks");
  const empty = path.join(work, "empty.ipynb");
  const timesFile = path.join(work, "times.json");
  fs.mkdirSync(copies);
  const emptyNotebook: Notebook = {
    cells: [{ cell_type: "code", id: "one", metadata: {}, source: "1 + 1", outputs: [], execution_count: null }],
    metadata: { kernelspec: { ...tslabKernelspec } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(empty, JSON.stringify(emptyNotebook));
  const runEmpty = () =>
    timed(python, ["-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir", path.join(work, "out"), empty], {
      ...process.env,
      PYDEVD_DISABLE_FILE_VALIDATION: "1",
    });
  const cacheDir = path.join(work, "cache");
  const runLesson = (mode: Mode) => {
    for (const f of listNotebooks(path.join(repoRoot, "notebooks"))) fs.copyFileSync(f, path.join(copies, path.basename(f)));
    if (mode === "cold") fs.rmSync(cacheDir, { recursive: true, force: true });
    const cache = mode === "off" ? { LESSON_CACHE: "off" } : { LESSON_CACHE_DIR: cacheDir };
    return timed("npm", ["run", "--silent", "lesson"], { ...process.env, ...cache, LESSON_NOTEBOOKS_DIR: copies, LESSON_TIMES_FILE: timesFile });
  };

  const loadBefore = load();
  console.log(`${os.availableParallelism()} cores, load average ${loadBefore.join(" ")}; ${rounds} round(s)`);
  await runEmpty(); // warm-up: disk caches, Jupyter's first start; not counted
  const emptyTimes: number[] = [];
  const lessonTimes: Record<Mode, number[]> = { cold: [], warm: [], off: [] };
  const lastTimes: Partial<Record<Mode, LessonTimes>> = {};
  try {
    const emptyTwice = async () => {
      for (let i = 0; i < 2; i++) {
        emptyTimes.push(await runEmpty());
        console.log(`  empty notebook      ${emptyTimes.at(-1)!.toFixed(2)} s`);
      }
    };
    for (let r = 0; r < rounds; r++) {
      for (const mode of modes) {
        await emptyTwice();
        lessonTimes[mode].push(await runLesson(mode));
        const times = (lastTimes[mode] = JSON.parse(fs.readFileSync(timesFile, "utf8")) as LessonTimes);
        const pre = times.precompile ? `; ${describePrecompile(times.precompile).split("\n")[0]}` : "";
        console.log(`  lesson, ${modeNames[mode].padEnd(9)}  ${lessonTimes[mode].at(-1)!.toFixed(2)} s (notebooks ${times.seconds.toFixed(2)} s, ${times.jobs} kernels at a time${pre})`);
      }
    }
    await emptyTwice();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  const emptyMedian = median(emptyTimes);
  const ratios = Object.fromEntries(modes.map((m) => [m, Number((median(lessonTimes[m]) / emptyMedian).toFixed(2))])) as Record<Mode, number>;
  const loadAfter = load();
  console.log(`\nempty notebook (median of ${emptyTimes.length}): ${emptyMedian.toFixed(2)} s`);
  for (const m of modes) {
    console.log(`npm run lesson, ${modeNames[m].padEnd(9)} (median of ${lessonTimes[m].length}): ${median(lessonTimes[m]).toFixed(2)} s = ${ratios[m].toFixed(1)}x the empty notebook`);
  }
  console.log(`(target: at most 5x)`);
  console.log(`\nper chapter, seconds from its kernel's start (last cold run):`);
  console.log(`  ${"notebook".padEnd(34)} first output  last cell`);
  for (const n of lastTimes.cold!.notebooks) console.log(`  ${n.notebook.padEnd(34)} ${fmt(n.firstOutput).padStart(12)}  ${fmt(n.lastCell).padStart(9)}${n.ok ? "" : "  FAILED"}`);
  console.log(`\nload average at the end: ${loadAfter.join(" ")}`);

  const out = path.join(repoRoot, "bench-results", "lesson-time.json");
  const record = {
    date: new Date().toISOString(),
    cores: os.availableParallelism(),
    loadAverage: { before: loadBefore, after: loadAfter },
    emptyNotebookSeconds: emptyTimes,
    lessonSeconds: lessonTimes,
    ratio: ratios,
    lastLesson: lastTimes,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(record, null, 2) + "\n");
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((e: Error) => {
  console.error(`bench-lesson: ${e.message}`);
  process.exit(1);
});
