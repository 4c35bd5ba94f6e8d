/** Reading .ipynb files (nbformat 4) and checking what a stored, executed notebook must hold. */
import fs from "node:fs";
import path from "node:path";

export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error" | string;
  name?: string; // stream: stdout / stderr
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface Cell {
  cell_type: "code" | "markdown" | "raw" | string;
  id?: string;
  metadata?: Record<string, unknown>;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string; display_name?: string; language?: string }; [key: string]: unknown };
  nbformat: number;
  nbformat_minor: number;
}

/** The kernelspec every lesson notebook declares. */
export const tslabKernelspec = { name: "tslab", display_name: "TypeScript", language: "typescript" };

export const plotlyMime = "application/vnd.plotly.v1+json";

/** Largest stored notebook we accept: GitHub renders it, and clones stay small. */
export const maxNotebookBytes = 1024 * 1024;

export function readNotebook(file: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not a readable notebook (${(e as Error).message})`);
  }
  const nb = parsed as Notebook;
  if (!Array.isArray(nb?.cells)) throw new Error(`${file}: not a notebook (no "cells" array)`);
  return nb;
}

export function joinText(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

/** The notebooks in `dir`, sorted by name (chapters are numbered: 01_..., 02_...). */
export function listNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => path.join(dir, f));
}

/** An output's text, the way a reader would want it when a cell fails. */
export function outputText(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return `[${output.name}] ${joinText(output.text)}`;
    case "error":
      // Tracebacks carry ANSI colour codes; strip them for logs.
      return [`${output.ename}: ${output.evalue}`, ...(output.traceback ?? [])].join("\n").replace(/\x1b\[[0-9;]*m/g, "");
    default: {
      const plain = output.data?.["text/plain"];
      return plain === undefined ? `[${output.output_type}]` : joinText(plain as string | string[]);
    }
  }
}

/** "cell 7 (`const net = ...`)": how messages point at a cell. */
export function cellLabel(nb: Notebook, index: number): string {
  const firstLine = joinText(nb.cells[index]?.source).split("\n").find((l) => l.trim() !== "") ?? "";
  return `cell ${index} (\`${firstLine.trim().slice(0, 80)}\`)`;
}

/**
 * What is wrong with an executed notebook as stored: each problem is one line naming the cell.
 * Checks: kernelspec tslab; every non-empty code cell was executed (has an execution count) and
 * shows an output (a reader on GitHub sees what each cell did); no error outputs; every plotly
 * output also carries a PNG; size under the limit.
 */
export function storedNotebookProblems(nb: Notebook, sizeBytes: number): string[] {
  const problems: string[] = [];
  if (nb.metadata?.kernelspec?.name !== tslabKernelspec.name) {
    problems.push(`kernelspec is ${JSON.stringify(nb.metadata?.kernelspec?.name)}, expected "tslab"`);
  }
  if (sizeBytes >= maxNotebookBytes) {
    problems.push(`file is ${(sizeBytes / 1024 / 1024).toFixed(2)} MB, limit 1 MB: use smaller or fewer figures`);
  }
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code" || joinText(cell.source).trim() === "") return;
    if (cell.execution_count == null) problems.push(`${cellLabel(nb, i)} was not executed`);
    else if (!cell.outputs?.length) problems.push(`${cellLabel(nb, i)} has no output`);
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") problems.push(`${cellLabel(nb, i)} has an error output: ${out.ename}: ${out.evalue}`);
      if (out.data && plotlyMime in out.data && !("image/png" in out.data)) {
        problems.push(`${cellLabel(nb, i)} has a plotly figure without a PNG (is Chromium installed?)`);
      }
    }
  });
  return problems;
}

/** Number of outputs carrying a plotly figure. */
export function countPlotlyOutputs(nb: Notebook): number {
  return nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && plotlyMime in o.data).length;
}
