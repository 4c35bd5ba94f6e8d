/**
 * Cells run in a real tslab kernel started the way Jupyter's servers start one: from a kernelspec
 * (written to a temporary Jupyter data folder, found first through $JUPYTER_PATH), by
 * jupyter_client, through scripts/test/kernel_cells.py.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { jupyterPython } from "../scripts/jupyter-env";

export interface CellRun {
  ok: boolean;
  stdout: string;
  stderr: string;
  error: string | null;
}

/** The kernelspec argv that runs this checkout's tslab with `nodeArgs` (a connection file is added). */
export function tslabArgv(nodeArgs: string[]): string[] {
  return [process.execPath, ...nodeArgs, path.join(repoRoot, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"];
}

/** Runs `cells` in order in one fresh kernel started with `argv`, its working folder `cwd`. */
export function runCells(cells: string[], argv: string[], cwd: string): CellRun[] {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kernelspec-"));
  try {
    const name = "tslab-under-test";
    fs.mkdirSync(path.join(dataDir, "kernels", name), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "kernels", name, "kernel.json"), JSON.stringify({ argv, display_name: "TypeScript", language: "typescript" }));
    const env = { ...process.env, JUPYTER_PATH: dataDir, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
    const script = path.join(repoRoot, "scripts", "test", "kernel_cells.py");
    const r = spawnSync(jupyterPython(), [script, name, cwd], { input: JSON.stringify(cells), encoding: "utf8", env, timeout: 600_000 });
    if (r.status !== 0) throw new Error(`kernel_cells.py exited with ${r.status}: ${r.stderr || r.error?.message}`);
    return JSON.parse(r.stdout) as CellRun[];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
