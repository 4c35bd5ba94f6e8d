/**
 * Cells run one by one in the registered tslab kernel, started as JupyterLab starts it (from its
 * kernelspec, by jupyter_client), through scripts/test/kernel_cells.py.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { jupyterPython } from "../scripts/jupyter-env";

export interface CellRun {
  ok: boolean;
  stdout: string;
  stderr: string;
  error: string | null;
}

/** Runs `cells` in order in one fresh "tslab" kernel whose working folder is `cwd`. */
export function runCells(cells: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): CellRun[] {
  const script = path.join(repoRoot, "scripts", "test", "kernel_cells.py");
  const r = spawnSync(jupyterPython(), [script, "tslab", cwd], { input: JSON.stringify(cells), encoding: "utf8", env, timeout: 600_000 });
  if (r.status !== 0) throw new Error(`kernel_cells.py exited with ${r.status}: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as CellRun[];
}
