/**
 * `npm start [-- --port P] [--no-browser] [JUPYTER-ARGS...]`: sets Jupyter up if needed, then
 * starts JupyterLab (or the classic Notebook when only Debian's is installed) on 127.0.0.1,
 * serving the repository root and opening notebooks/, so every relative link in a notebook
 * (`../images/...`) loads. Prints the URL with its login token once the server answers.
 * JupyterLab gets the lesson's default settings (jupyter/settings/overrides.json: line numbers in
 * code cells); the learner's own settings still win. Other arguments go to Jupyter; `--classic`
 * is refused (exit 2): the classic Notebook is not offered on request.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { renderServiceVariable } from "../src/lesson/notebook/render";
import { ensureJupyter, serverOf } from "./jupyter-env";
import { kernelEnv } from "./notebook-exec";
import { startRenderService, type RenderService } from "./render-service";
import { kernelNode, nodeVersion } from "./kernel-spec";

/** "The TypeScript kernel runs Node v26.12.1 (/usr/bin/node)": which Node the learner's cells get. */
export function describeKernelNode(argv: string[] | null): string {
  const node = kernelNode(argv);
  if (node === null) return "The TypeScript kernel runs the first node on Jupyter's PATH.";
  return `The TypeScript kernel runs Node ${nodeVersion(node) ?? "(version unknown)"} (${node}), whatever PATH Jupyter has.`;
}

/**
 * JupyterLab's application settings folder for the lesson: its overrides.json sets defaults, which
 * the learner's own settings (~/.jupyter/lab/user-settings) override in turn.
 */
export const labSettingsDir = path.join(repoRoot, "jupyter", "settings");

interface StartArgs {
  port: number;
  openBrowser: boolean;
  extra: string[];
}

export function parseStartArgs(argv: string[]): StartArgs {
  const args: StartArgs = { port: 8888, openBrowser: true, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--port(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[1] ?? argv[++i];
      if (!/^\d+$/.test(value ?? "")) throw new Error(`--port needs a number, got ${JSON.stringify(value)}`);
      args.port = Number(value);
    } else if (a === "--no-browser") args.openBrowser = false;
    else if (a === "--classic") throw new Error("--classic: the classic Notebook is not offered; npm start opens JupyterLab");
    else args.extra.push(a);
  }
  return args;
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * What the kernels of this server get, as the lesson runner's do: the cell cache (a cell compiled
 * before, in any kernel or by `npm run lesson`, is not compiled again while everything its compile
 * read is unchanged) and one render service drawing every kernel's figure PNGs, so no kernel starts
 * a Chromium of its own. `LESSON_CACHE=off` turns the cache off; the service needs Chromium.
 */
export async function kernelServices(env: NodeJS.ProcessEnv): Promise<{ env: NodeJS.ProcessEnv; service: RenderService | null }> {
  const service = env[renderServiceVariable] ? null : await startRenderService(env);
  const withService = service ? { ...env, [renderServiceVariable]: service.url } : env;
  return { env: kernelEnv(withService), service };
}

async function main(): Promise<void> {
  let args: StartArgs;
  try {
    args = parseStartArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`start: ${(e as Error).message}`);
    process.exit(2);
  }
  let python: string;
  let app: "lab" | "notebook" | null;
  let kernelArgv: string[] | null;
  try {
    const choice = ensureJupyter({ server: true });
    python = choice.python;
    kernelArgv = choice.probe.tslabArgv;
    app = serverOf(choice.probe);
  } catch (e) {
    console.error(`start: ${(e as Error).message}`);
    process.exit(1);
  }
  if (app === null) {
    console.error("start: neither JupyterLab nor Jupyter Notebook is installed.");
    console.error('  install one: pip install jupyterlab "plotly>=6.1"   or   apt-get install jupyter-notebook');
    process.exit(1);
  }
  const token = process.env.JUPYTER_TOKEN || randomBytes(24).toString("hex");
  const base = `http://127.0.0.1:${args.port}`;
  const openPath = app === "lab" ? "/lab/tree/notebooks" : "/tree/notebooks";
  const cls = app === "lab" ? "ServerApp" : "NotebookApp";
  const jupyterArgs = [
    "-m",
    app === "lab" ? "jupyterlab" : "notebook",
    "--ip=127.0.0.1",
    `--port=${args.port}`,
    `--${cls}.port_retries=0`,
    `--${cls}.root_dir=${repoRoot}`.replace("NotebookApp.root_dir", "NotebookApp.notebook_dir"),
    `--${app === "lab" ? "LabApp" : "NotebookApp"}.default_url=${openPath}`,
    ...(app === "lab" ? [`--LabApp.app_settings_dir=${labSettingsDir}`] : []),
    ...(args.openBrowser ? [] : ["--no-browser"]),
    ...args.extra,
  ];
  // Jupyter refuses to start as root (containers, CI machines) unless told it is intended.
  if (process.getuid?.() === 0 && !args.extra.includes("--allow-root")) jupyterArgs.push("--allow-root");
  console.log(`Starting ${app === "lab" ? "JupyterLab" : "the classic Notebook"} with ${python} on ${base}, serving ${repoRoot}`);
  console.log(describeKernelNode(kernelArgv));
  const { env, service } = await kernelServices({ ...process.env, JUPYTER_TOKEN: token });
  console.log(describeServices(env));
  const child = spawn(python, jupyterArgs, { stdio: "inherit", cwd: repoRoot, env });
  let printed = false;
  const poll = setInterval(async () => {
    if (printed) return;
    if (await answers(`${base}/api/status?token=${token}`)) {
      printed = true;
      clearInterval(poll);
      console.log(`\nJupyter is ready. Open: ${base}${openPath}?token=${token}\n`);
    }
  }, 300);
  // Ctrl-C reaches Jupyter directly (same process group); just wait for it to finish.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", async (code, signal) => {
    clearInterval(poll);
    await service?.close().catch(() => undefined);
    process.exit(code ?? (signal ? 1 : 0));
  });
  child.on("error", (e) => {
    console.error(`start: cannot run ${python}: ${e.message}`);
    process.exit(1);
  });
}

/** One line on what the kernels share. */
export function describeServices(env: NodeJS.ProcessEnv): string {
  const cache = env.NODE_OPTIONS?.includes("install-cell-cache") ? "cells compiled before come from the cell cache" : "the cell cache is off";
  const figures = env[renderServiceVariable] ? "one shared Chromium draws the figures' PNGs" : "each kernel draws its own figures' PNGs (no Chromium found for a shared one)";
  return `Kernels: ${cache}; ${figures}.`;
}

if (require.main === module) void main();
