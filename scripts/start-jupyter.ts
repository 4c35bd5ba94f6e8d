/**
 * `npm start [-- JUPYTER-ARGS...]`: sets Jupyter up if needed, then opens JupyterLab (or the
 * classic Notebook when Lab is not installed) on notebooks/. Extra arguments go to Jupyter.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { ensureJupyter } from "./jupyter-env";

function has(subcommand: string): boolean {
  return spawnSync("jupyter", [subcommand, "--version"], { stdio: "ignore" }).status === 0;
}

function main(): void {
  ensureJupyter();
  const app = has("lab") ? "lab" : has("notebook") ? "notebook" : null;
  if (app === null) {
    console.error("start: neither JupyterLab nor Jupyter Notebook is installed.");
    console.error("  install one: pip install jupyterlab   or   apt-get install jupyter-notebook");
    process.exit(1);
  }
  const notebooks = path.join(repoRoot, "notebooks");
  const extra = process.argv.slice(2);
  const args = [app, `--notebook-dir=${notebooks}`, ...extra];
  // Jupyter refuses to start as root (containers, CI machines) unless told it is intended.
  if (process.getuid?.() === 0 && !extra.includes("--allow-root")) args.push("--allow-root");
  console.log(`Starting jupyter ${app} on ${notebooks}; it prints the URL (with its token) to open below.`);
  // Jupyter prints the URL itself, with the login token; pass everything through.
  const child = spawn("jupyter", args, { stdio: "inherit", cwd: notebooks });
  // Ctrl-C reaches Jupyter directly (same process group); just wait for it to finish.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on("error", (e) => {
    console.error(`start: cannot run jupyter: ${e.message}`);
    process.exit(1);
  });
}

main();
