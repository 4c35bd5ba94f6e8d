/**
 * `npm run bench-lesson [-- --rounds=N]`: how long `npm run lesson` takes against executing one
 * empty tslab notebook (one cell, `1 + 1`, with nbconvert --execute in the Python that runs the
 * lesson, scripts/jupyter-env.ts), side by side in one run: empty twice, lesson, empty twice,
 * lesson, ..., empty twice. Prints the times, their ratio (median lesson / median empty), each
 * chapter's kernel times and the load average, and writes them to bench-results/lesson-time.json.
 * The lesson runs on copies of the notebooks, so the stored ones are left alone. A benchmark, not
 * a test: it never fails on a slow result.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { ensureJupyter } from "./jupyter-env";
import { Notebook, listNotebooks, tslabKernelspec } from "./notebook-file";
import type { LessonTimes } from "./lesson";

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

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
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
  const runLesson = () => {
    for (const f of listNotebooks(path.join(repoRoot, "notebooks"))) fs.copyFileSync(f, path.join(copies, path.basename(f)));
    return timed("npm", ["run", "--silent", "lesson"], { ...process.env, LESSON_NOTEBOOKS_DIR: copies, LESSON_TIMES_FILE: timesFile });
  };

  const loadBefore = load();
  console.log(`${os.availableParallelism()} cores, load average ${loadBefore.join(" ")}; ${rounds} round(s)`);
  await runEmpty(); // warm-up: disk caches, Jupyter's first start; not counted
  const emptyTimes: number[] = [];
  const lessonTimes: number[] = [];
  let times: LessonTimes | null = null;
  try {
    const emptyTwice = async () => {
      for (let i = 0; i < 2; i++) {
        emptyTimes.push(await runEmpty());
        console.log(`  empty notebook  ${emptyTimes.at(-1)!.toFixed(2)} s`);
      }
    };
    for (let r = 0; r < rounds; r++) {
      await emptyTwice();
      lessonTimes.push(await runLesson());
      times = JSON.parse(fs.readFileSync(timesFile, "utf8")) as LessonTimes;
      console.log(`  npm run lesson  ${lessonTimes.at(-1)!.toFixed(2)} s (executing the notebooks: ${times.seconds.toFixed(2)} s, ${times.jobs} kernels at a time)`);
    }
    await emptyTwice();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  const emptyMedian = median(emptyTimes);
  const lessonMedian = median(lessonTimes);
  const ratio = lessonMedian / emptyMedian;
  const loadAfter = load();
  console.log(`\nempty notebook (median of ${emptyTimes.length}): ${emptyMedian.toFixed(2)} s`);
  console.log(`npm run lesson (median of ${lessonTimes.length}):  ${lessonMedian.toFixed(2)} s`);
  console.log(`ratio: ${ratio.toFixed(1)}x the empty notebook (target: at most 5x)`);
  console.log(`\nper chapter, seconds from its kernel's start (last round):`);
  console.log(`  ${"notebook".padEnd(34)} first output  last cell`);
  for (const n of times!.notebooks) console.log(`  ${n.notebook.padEnd(34)} ${fmt(n.firstOutput).padStart(12)}  ${fmt(n.lastCell).padStart(9)}${n.ok ? "" : "  FAILED"}`);
  console.log(`\nload average at the end: ${loadAfter.join(" ")}`);

  const out = path.join(repoRoot, "bench-results", "lesson-time.json");
  const record = {
    date: new Date().toISOString(),
    cores: os.availableParallelism(),
    loadAverage: { before: loadBefore, after: loadAfter },
    emptyNotebookSeconds: emptyTimes,
    lessonSeconds: lessonTimes,
    ratio: Number(ratio.toFixed(2)),
    lastLesson: times,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(record, null, 2) + "\n");
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((e: Error) => {
  console.error(`bench-lesson: ${e.message}`);
  process.exit(1);
});
