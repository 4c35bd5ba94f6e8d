/**
 * `npm run bench-lab [-- --rounds=N] [CHAPTER...]`: Restart and Run All in JupyterLab, as a learner
 * does it, per chapter, against the same for a one-cell notebook (`1 + 1`), side by side in one
 * run. One `npm start` server (with the kernel services it gives every kernel: the cell cache and
 * one shared Chromium for figure PNGs), one headless Chromium page clicking Kernel > Restart
 * Kernel and Run All Cells; the time runs from the confirming click to the last cell's number.
 *
 * Each chapter runs twice in a row: "first", with an empty cache (every cell compiled, every PNG
 * drawn), and "again", the second Restart and Run All of an unchanged chapter. Before each chapter
 * the one-cell notebook runs once, its cell new each time (`1 + 1 // run N`), so that it costs what
 * any fresh kernel costs: tslab starting and compiling one cell. Prints each chapter's times and its ratio to the one-cell
 * median, and writes them to bench-results/lab-time.json. Chapters run on copies, with their own
 * cache folder, so the stored notebooks and the checkout's cache are left alone. A benchmark, not
 * a test: it never fails on a slow result.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { findChromium, launchChromium } from "../src/lesson/notebook/chromium";
import { repoRoot } from "../src/lesson/paths";
import { median } from "../src/tools/bench/stats";
import { openNotebook, startLabServer, stopLabServer, timedRestartAndRunAll, type LabServer } from "./lab-driver";
import { type Notebook, listNotebooks, tslabKernelspec } from "./notebook-file";

const load = (): number[] => os.loadavg().map((x) => Number(x.toFixed(2)));

interface ChapterTimes {
  notebook: string;
  first: number[];
  again: number[];
}

function usage(message: string): never {
  console.error(`bench-lab: ${message}\nusage: npm run bench-lab [-- --rounds=N] [CHAPTER...]   (CHAPTER: a number or part of a file name)`);
  process.exit(2);
}

function parse(argv: string[]): { rounds: number; filters: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { rounds: { type: "string", default: "1" } }, allowPositionals: true, strict: true });
  } catch (e) {
    usage((e as Error).message);
  }
  const rounds = parsed.values.rounds!;
  if (!/^[1-9]\d?$/.test(rounds)) usage(`--rounds must be a whole number from 1 to 99, got ${JSON.stringify(rounds)}`);
  return { rounds: Number(rounds), filters: parsed.positionals };
}

/** The one-cell notebook; `run` makes its cell's source new, so no cache has it. */
const oneCell = (run: number): Notebook => ({
  cells: [{ cell_type: "code", id: "one", metadata: {}, source: `1 + 1 // run ${run}`, outputs: [], execution_count: null }],
  metadata: { kernelspec: { ...tslabKernelspec } },
  nbformat: 4,
  nbformat_minor: 5,
});

async function main(): Promise<void> {
  const { rounds, filters } = parse(process.argv.slice(2));
  const chapters = listNotebooks(path.join(repoRoot, "notebooks")).filter((f) => {
    const name = path.basename(f);
    return filters.length === 0 || filters.some((q) => (/^\d+$/.test(q) ? Number(name.slice(0, 2)) === Number(q) : name.includes(q)));
  });
  if (chapters.length === 0) usage(`no chapter matches ${filters.join(" ")}`);
  if (findChromium() === null) throw new Error("no Chromium: install it (Debian: apt-get install chromium), or set CHROMIUM_PATH");

  // Under dist/ (git-ignored) so the copies resolve `optim-lesson` like the chapters do.
  const work = fs.mkdtempSync(path.join(repoRoot, "dist", "lab-bench-"));
  for (const f of chapters) fs.copyFileSync(f, path.join(work, path.basename(f)));
  const rel = (name: string) => path.relative(repoRoot, path.join(work, name));
  const cacheDir = path.join(work, "cache");

  const loadBefore = load();
  console.log(`${os.availableParallelism()} cores, load average ${loadBefore.join(" ")}; ${chapters.length} chapter(s), ${rounds} round(s)`);
  let server: LabServer | null = null;
  const browser = await launchChromium();
  const oneCellTimes: number[] = [];
  const times: ChapterTimes[] = chapters.map((f) => ({ notebook: path.basename(f), first: [], again: [] }));
  // Ctrl-C stops the server's process group and removes the copies, as the end of a run does.
  const interrupted = async (signal: NodeJS.Signals) => {
    await browser.close().catch(() => undefined);
    await stopLabServer(server);
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  try {
    server = await startLabServer({ ...process.env, LESSON_CACHE_DIR: cacheDir });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    let oneCellRuns = 0;
    const runOneCell = async () => {
      fs.writeFileSync(path.join(work, "one-cell.ipynb"), JSON.stringify(oneCell(++oneCellRuns)));
      const panel = await openNotebook(server!, page, rel("one-cell.ipynb"));
      oneCellTimes.push(await timedRestartAndRunAll(server!, page, panel));
      console.log(`  one-cell notebook                    ${oneCellTimes.at(-1)!.toFixed(2)} s`);
    };
    await runOneCell(); // warm-up: the server's first kernel, disk caches; not counted
    oneCellTimes.length = 0;
    for (let r = 0; r < rounds; r++) {
      for (const t of times) {
        await runOneCell();
        fs.rmSync(cacheDir, { recursive: true, force: true }); // "first" compiles every cell
        const panel = await openNotebook(server, page, rel(t.notebook));
        t.first.push(await timedRestartAndRunAll(server, page, panel));
        t.again.push(await timedRestartAndRunAll(server, page, panel));
        console.log(`  ${t.notebook.padEnd(36)} first ${t.first.at(-1)!.toFixed(2)} s, again ${t.again.at(-1)!.toFixed(2)} s`);
      }
    }
    await runOneCell();
  } finally {
    await browser.close().catch(() => undefined);
    await stopLabServer(server);
    fs.rmSync(work, { recursive: true, force: true });
  }

  const base = median(oneCellTimes);
  const ratio = (xs: number[]) => Number((median(xs) / base).toFixed(2));
  console.log(`\none-cell notebook, Restart and Run All (median of ${oneCellTimes.length}): ${base.toFixed(2)} s`);
  console.log(`  ${"notebook".padEnd(34)} first s  ratio  again s  ratio`);
  for (const t of times) {
    console.log(`  ${t.notebook.padEnd(34)} ${median(t.first).toFixed(2).padStart(7)}  ${ratio(t.first).toFixed(1).padStart(5)}  ${median(t.again).toFixed(2).padStart(7)}  ${ratio(t.again).toFixed(1).padStart(5)}`);
  }
  console.log(`(target: "again" at most 2x the one-cell notebook)`);
  const loadAfter = load();
  console.log(`load average at the end: ${loadAfter.join(" ")}`);

  const out = path.join(repoRoot, "bench-results", "lab-time.json");
  const record = {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.availableParallelism(),
    loadAverage: { before: loadBefore, after: loadAfter },
    oneCellSeconds: oneCellTimes,
    chapters: times.map((t) => ({ ...t, firstRatio: ratio(t.first), againRatio: ratio(t.again) })),
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(record, null, 2) + "\n");
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((e: Error) => {
  console.error(`bench-lab: ${e.message}`);
  process.exit(1);
});
