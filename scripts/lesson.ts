/**
 * `npm run lesson [-- NOTEBOOK...] [--timeout=SECONDS]`: executes the lesson's notebooks in name
 * order, each in a fresh tslab kernel, and stores their outputs in place.
 *
 * NOTEBOOK selects by number ("3" or "03" matches 03_momentum.ipynb) or by part of the name.
 * A notebook that fails is left untouched; the failing cell and its output are printed and the
 * exit status is 1.
 */
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { ensureJupyter } from "./jupyter-env";
import { listNotebooks, storedNotebookProblems } from "./notebook-file";
import { describeFailure, runInPlace } from "./notebook-exec";
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
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { selectors: [] };
  for (const a of argv) {
    const m = /^--timeout=(\d+)$/.exec(a);
    if (m) args.cellTimeout = Number(m[1]);
    else if (a.startsWith("-")) throw new Error(`unknown option ${a} (usage: npm run lesson -- [NOTEBOOK...] [--timeout=SECONDS])`);
    else args.selectors.push(a);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const notebooks = selectNotebooks(listNotebooks(notebooksDir), args.selectors);
  if (notebooks.length === 0) {
    console.log(`No notebooks in ${path.relative(process.cwd(), notebooksDir) || notebooksDir}: nothing to run.`);
    return 0;
  }
  const { python } = ensureJupyter();
  const started = Date.now();
  const failed: string[] = [];
  for (const file of notebooks) {
    const name = path.basename(file);
    process.stdout.write(`${name} ... `);
    const result = await runInPlace(file, { cellTimeout: args.cellTimeout, python });
    if (result.ok) {
      console.log(`ok (${result.seconds.toFixed(1)} s)`);
      const problems = storedNotebookProblems(result.notebook!, fs.statSync(file).size);
      for (const p of problems) console.log(`  warning: ${p}`);
    } else {
      console.log(`FAILED (${result.seconds.toFixed(1)} s)`);
      console.error(describeFailure(name, result));
      if (result.failedCopy) console.error(`  executed copy with outputs: ${result.failedCopy} (the stored notebook is unchanged)`);
      failed.push(name);
    }
  }
  const total = ((Date.now() - started) / 1000).toFixed(1);
  const passed = notebooks.length - failed.length;
  console.log(`${passed}/${notebooks.length} notebooks ran in ${total} s${failed.length ? `; failed: ${failed.join(", ")}` : ""}`);
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
