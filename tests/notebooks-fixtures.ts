/**
 * Small notebooks built by the tests themselves, so the notebook machinery is exercised even
 * before any chapter exists. They live in a temporary folder under dist/, inside the repository,
 * so that tslab resolves `optim-lesson` (and its own local copy) exactly as notebooks/ does.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { repoRoot } from "../src/lesson/paths";
import { Notebook, tslabKernelspec } from "../scripts/notebook-file";

export function makeNotebook(codeCells: string[]): Notebook {
  return {
    cells: [
      { cell_type: "markdown", id: "intro", metadata: {}, source: "# A test notebook" },
      ...codeCells.map((source, i) => ({
        cell_type: "code",
        id: `cell-${i}`,
        metadata: {},
        source,
        outputs: [],
        execution_count: null,
      })),
    ],
    metadata: { kernelspec: { ...tslabKernelspec } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Why `optim-lesson` cannot be required the way tslab does (from a notebook's folder), or null. */
export function packageResolutionProblem(fromDir: string): string | null {
  try {
    createRequire(path.join(fromDir, "src.js")).resolve("optim-lesson");
    return null;
  } catch (e) {
    return (e as Error).message.split("\n")[0];
  }
}

/** A fresh folder for test notebooks; remove it with `fs.rmSync(dir, { recursive: true })`. */
export function tempNotebookDir(): string {
  const parent = path.join(repoRoot, "dist", "notebook-tests");
  fs.mkdirSync(parent, { recursive: true });
  const dir = path.join(parent, randomBytes(4).toString("hex"));
  fs.mkdirSync(dir);
  const problem = packageResolutionProblem(dir);
  if (problem !== null) throw new Error(`notebooks cannot import optim-lesson (is the build done?): ${problem}`);
  return dir;
}

export function writeNotebook(file: string, nb: Notebook): void {
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
}

/** Cells that use every display helper once: a figure, progress, a table. */
export const displayDemoCells = [
  'import { lineFigure, show, notebookProgress, showTable } from "optim-lesson";\nconst xs = Array.from({ length: 30 }, (_, i) => i);\nconsole.log(xs.length);',
  'await show(lineFigure({ title: "Two runs", xTitle: "epoch", yTitle: "loss", logY: true,\n  series: [{ name: "sgd", x: xs, y: xs.map((x) => 10 / (1 + x)) }, { name: "adam", x: xs, y: xs.map((x) => 8 / (1 + x * x)) }] }));',
  "const report = notebookProgress();\nfor (let step = 1; step <= 300; step++) report({ epoch: Math.floor((step - 1) / 3), epochs: 100, batch: ((step - 1) % 3) + 1, batches: 3, step, totalSteps: 300, runningLoss: 1 / step });",
  'showTable([{ optimizer: "sgd", loss: 1.5 }, { optimizer: "adam", loss: 0.25 }]);',
];
