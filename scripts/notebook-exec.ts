/**
 * Executing notebooks headlessly, each in a fresh tslab kernel, via scripts/execute_notebook.py
 * (nbclient), which keeps the outputs of a failing cell so we can show them.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { jupyterPython } from "./jupyter-env";
import { Notebook, cellLabel, outputText, readNotebook } from "./notebook-file";

export interface ExecOptions {
  /** Seconds allowed per cell. */
  cellTimeout?: number;
  /** The Python to run nbclient with (default: the one scripts/jupyter-env.ts chooses). */
  python?: string;
}

export interface ExecResult {
  ok: boolean;
  seconds: number;
  /** Index of the failing cell, when one failed. */
  cell?: number | null;
  /** nbclient's error message, when something failed. */
  error?: string;
  /** The executed (possibly partial) notebook, when one was written. */
  notebook?: Notebook;
}

export const defaultCellTimeout = Number(process.env.LESSON_CELL_TIMEOUT ?? 900);

/** Executes `source` (kernel cwd: its folder) and writes the executed notebook to `output`. */
export function executeNotebook(source: string, output: string, options: ExecOptions = {}): Promise<ExecResult> {
  const script = path.join(repoRoot, "scripts", "execute_notebook.py");
  const timeout = String(options.cellTimeout ?? defaultCellTimeout);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(options.python ?? jupyterPython(), [script, source, output, "--timeout", timeout], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => reject(new Error(`cannot run ${script}: ${e.message}`)));
    child.on("close", (code) => {
      const seconds = (Date.now() - started) / 1000;
      const last = stdout.trim().split("\n").pop() ?? "";
      let report: { ok: boolean; cell?: number | null; error?: string };
      try {
        report = JSON.parse(last);
      } catch {
        report = { ok: false, cell: null, error: `executor exited with ${code}: ${stderr.trim() || stdout.trim()}` };
      }
      const notebook = fs.existsSync(output) ? readNotebook(output) : undefined;
      resolve({ ...report, ok: report.ok && code === 0, seconds, notebook });
    });
  });
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

/**
 * Executes a notebook and stores the outputs in place only if every cell succeeded, so a failed
 * run never leaves a half-executed notebook behind. A failed copy is kept in the temp folder.
 */
export async function runInPlace(file: string, options: ExecOptions = {}): Promise<ExecResult & { failedCopy?: string }> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.running`);
  try {
    const result = await executeNotebook(file, tmp, options);
    if (result.ok) {
      fs.renameSync(tmp, file);
      return result;
    }
    if (!fs.existsSync(tmp)) return result;
    const failedCopy = path.join(os.tmpdir(), `failed-${path.basename(file)}`);
    fs.copyFileSync(tmp, failedCopy);
    return { ...result, failedCopy };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
