/**
 * Which Python runs Jupyter: the one rule, used by the lesson runner, `npm start`, the tests and
 * scripts/setup-jupyter.sh (which asks it through `node dist/scripts/jupyter-env.js`).
 *
 * No shebang is ever read: under pyenv `jupyter` and `python3` are bash shims. Each candidate is
 * run once with a short probe that reports its real `sys.executable`, which Jupyter modules it can
 * import and which tslab kernel its Jupyter would start. Candidates, in order:
 *   $JUPYTER_PYTHON (alone, when set), an active venv ($VIRTUAL_ENV), an active conda env
 *   ($CONDA_PREFIX), this checkout's own venv (.jupyter-venv, made by the set-up when no Python
 *   had JupyterLab), `python3` and `python` on PATH, /usr/bin/python3.
 * Everything then runs as `<python> -m ...` or `<python> script.py`. Nothing is cached between
 * runs: one probe costs a Python start-up (about 0.1 s).
 *
 *   node dist/scripts/jupyter-env.js python [--server|--lab]  prints the chosen Python (exit 1: none)
 *   node dist/scripts/jupyter-env.js kernel              registers tslab where it is missing or broken
 *   node dist/scripts/jupyter-env.js venv                prints where the set-up puts its venv
 *   node dist/scripts/jupyter-env.js probe               prints every candidate's probe as JSON
 *   node dist/scripts/jupyter-env.js check               exit 0 when the lesson can run as is
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { findChromium } from "../src/lesson/notebook/chromium";
import { installKernelSpec, kernelArgvProblem, kernelNode, kernelSpec, kernelTslab, tslabScript } from "./kernel-spec";

/**
 * This checkout's own venv for JupyterLab, made by scripts/setup-jupyter.sh when needed
 * ($LESSON_JUPYTER_VENV moves it: the tests point it elsewhere to see the other candidates).
 */
export function repoVenv(env: NodeJS.ProcessEnv = process.env): string {
  return env.LESSON_JUPYTER_VENV || path.join(repoRoot, ".jupyter-venv");
}

/** What one Python can do, as its probe reports it. */
export interface PythonProbe {
  /** How it was found: "$JUPYTER_PYTHON", "python3 on PATH", ... */
  source: string;
  /** The command that was run. */
  command: string;
  /** Its real interpreter (sys.executable), or null when it did not run. */
  executable: string | null;
  version?: string;
  /** Importable modules (found by importlib, not imported: the probe stays fast). */
  modules: Record<string, boolean>;
  /** argv of the tslab kernelspec this Python's Jupyter would use, or null when there is none. */
  tslabArgv: string[] | null;
  /** The folder holding that kernelspec. */
  tslabDir?: string | null;
  /** True in a venv or conda env (the kernel is then registered in its prefix). */
  isEnv?: boolean;
  error?: string;
}

const probeModules = ["jupyter_core", "jupyter_client", "nbclient", "nbformat", "nbconvert", "ipykernel", "IPython", "jupyterlab", "notebook", "plotly"];

const probeSource = `
import importlib.util, json, os, sys
r = {"executable": sys.executable, "version": sys.version.split()[0], "modules": {}, "tslabArgv": None, "tslabDir": None,
     "isEnv": sys.prefix != getattr(sys, "base_prefix", sys.prefix) or os.path.exists(os.path.join(sys.prefix, "conda-meta"))}
for m in ${JSON.stringify(probeModules)}:
    try:
        r["modules"][m] = importlib.util.find_spec(m) is not None
    except Exception:
        r["modules"][m] = False
if r["modules"]["jupyter_core"]:
    try:
        from jupyter_core.paths import jupyter_path
        for d in jupyter_path("kernels"):
            f = os.path.join(d, "tslab", "kernel.json")
            if os.path.isfile(f):
                with open(f) as fh:
                    r["tslabArgv"] = json.load(fh).get("argv")
                r["tslabDir"] = os.path.dirname(f)
                break
    except Exception as e:
        r["error"] = "jupyter_core: %s" % e
print(json.dumps(r))
`;

interface Candidate {
  source: string;
  command: string;
}

/** The candidates, in order of preference (see the header). */
export function candidates(env: NodeJS.ProcessEnv = process.env): Candidate[] {
  if (env.JUPYTER_PYTHON) return [{ source: "$JUPYTER_PYTHON", command: env.JUPYTER_PYTHON }];
  const list: Candidate[] = [];
  if (env.VIRTUAL_ENV) list.push({ source: "the active venv ($VIRTUAL_ENV)", command: path.join(env.VIRTUAL_ENV, "bin", "python") });
  if (env.CONDA_PREFIX) list.push({ source: "the active conda env ($CONDA_PREFIX)", command: path.join(env.CONDA_PREFIX, "bin", "python") });
  list.push({ source: "this checkout's .jupyter-venv", command: path.join(repoVenv(env), "bin", "python") });
  list.push({ source: "python3 on PATH", command: "python3" });
  list.push({ source: "python on PATH", command: "python" });
  list.push({ source: "/usr/bin/python3", command: "/usr/bin/python3" });
  return list;
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  if (command.includes("/")) return fs.existsSync(command);
  return (env.PATH ?? "").split(path.delimiter).some((d) => d !== "" && fs.existsSync(path.join(d, command)));
}

/** Runs the probe in one candidate. */
export function probe(c: Candidate, env: NodeJS.ProcessEnv = process.env): PythonProbe {
  const empty = { ...c, executable: null, modules: {}, tslabArgv: null };
  if (!onPath(c.command, env)) return { ...empty, error: "not found" };
  const r = spawnSync(c.command, ["-c", probeSource], { encoding: "utf8", env, timeout: 20_000 });
  if (r.status !== 0) return { ...empty, error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split("\n").pop() };
  try {
    return { ...c, ...JSON.parse(r.stdout.trim().split("\n").pop()!) };
  } catch {
    return { ...empty, error: `unreadable probe output: ${r.stdout.slice(0, 200)}` };
  }
}

/** Can run notebooks headlessly (scripts/execute_notebook.py) and export them (the render test). */
export function canExecute(p: PythonProbe): boolean {
  return ["jupyter_core", "jupyter_client", "nbclient", "nbformat", "nbconvert"].every((m) => p.modules[m]);
}

/** The server `npm start` would run with this Python, or null. */
export function serverOf(p: PythonProbe): "lab" | "notebook" | null {
  if (!canExecute(p)) return null;
  return p.modules.jupyterlab ? "lab" : p.modules.notebook ? "notebook" : null;
}

export interface Choice {
  python: string;
  probe: PythonProbe;
  probes: PythonProbe[];
}

/**
 * The Python for running notebooks: the first candidate that can import jupyter_core, nbclient and
 * nbconvert.
 * With `server`: the first with JupyterLab, else the first with the classic Notebook.
 * Stops probing as soon as the answer is known. Null when no candidate fits.
 */
export function choosePython(opts: { server?: boolean; lab?: boolean; env?: NodeJS.ProcessEnv } = {}): Choice | null {
  const env = opts.env ?? process.env;
  const probes: PythonProbe[] = [];
  const seen = new Set<string>();
  let notebookOnly: PythonProbe | null = null;
  for (const c of candidates(env)) {
    const p = probe(c, env);
    probes.push(p);
    if (p.executable === null || seen.has(p.executable)) continue;
    seen.add(p.executable);
    if (!opts.server && !opts.lab) {
      if (canExecute(p)) return { python: p.executable, probe: p, probes };
    } else {
      const s = serverOf(p);
      if (s === "lab") return { python: p.executable, probe: p, probes };
      if (s === "notebook" && notebookOnly === null && !opts.lab) notebookOnly = p;
    }
  }
  return notebookOnly ? { python: notebookOnly.executable!, probe: notebookOnly, probes } : null;
}

/** One line per candidate: what was tried and what it had (for error messages). */
export function describeProbes(probes: PythonProbe[]): string {
  return probes
    .map((p) => {
      if (p.executable === null) return `  ${p.source} (${p.command}): ${p.error}`;
      const have = probeModules.filter((m) => p.modules[m]);
      return `  ${p.source}: ${p.executable} ${p.version ?? ""} has ${have.length ? have.join(", ") : "no Jupyter module"}`;
    })
    .join("\n");
}

/** Why the lesson cannot run with this Python's Jupyter as it is, or null when it can. */
export function kernelProblem(p: PythonProbe): string | null {
  return kernelArgvProblem(p.tslabArgv, `the tslab kernel${p.tslabDir ? ` (${p.tslabDir})` : ""}`);
}

/** The Python that runs notebooks; throws, listing what was tried, when there is none. */
export function jupyterPython(): string {
  const choice = choosePython();
  if (choice === null) throw new Error(`no Python with Jupyter (jupyter_core, nbclient, nbconvert) found; tried:\n${describeProbes(candidates().map((c) => probe(c)))}`);
  return choice.python;
}

/**
 * Registers this checkout's tslab kernel, run by this process's Node, with `p`'s Jupyter: in its
 * prefix when it is a venv or conda env, else in the user's Jupyter folder ($JUPYTER_DATA_DIR when
 * set). Returns the kernel.json written. Throws on failure.
 */
export function registerKernel(p: PythonProbe): string {
  if (!fs.existsSync(tslabScript)) throw new Error(`${tslabScript} is missing: run \`npm install\` in ${repoRoot} first`);
  return installKernelSpec(p.executable!, kernelSpec(), p.isEnv === true);
}

function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Registers the kernel for the Python that runs notebooks and for the one that serves Jupyter,
 * where it is missing or broken (always under CI, where a kernel left by another checkout may
 * point anywhere). Returns one line per registration.
 */
export function ensureKernels(env: NodeJS.ProcessEnv = process.env): string[] {
  const done: string[] = [];
  const seen = new Set<string>();
  for (const choice of [choosePython({ env }), choosePython({ env, server: true })]) {
    if (choice === null || seen.has(choice.python)) continue;
    seen.add(choice.python);
    const problem = kernelProblem(choice.probe);
    if (problem === null && !env.CI) continue;
    const written = registerKernel(choice.probe);
    let after = probe({ source: choice.probe.source, command: choice.python }, env);
    const shadowing = after.tslabDir ? path.join(after.tslabDir, "kernel.json") : null;
    if (shadowing && shadowing !== written && kernelProblem(after) !== null && isWritable(shadowing)) {
      // A broken kernelspec that Jupyter finds first (a user folder ahead of the venv's) is
      // replaced too: otherwise the one just written is never used.
      fs.copyFileSync(written, shadowing);
      after = probe({ source: choice.probe.source, command: choice.python }, env);
    }
    const still = kernelProblem(after);
    if (still) throw new Error(`registered tslab with ${choice.python} (${written}), but ${still}`);
    if (kernelNode(after.tslabArgv) !== process.execPath || kernelTslab(after.tslabArgv) !== tslabScript) {
      throw new Error(`registered tslab with ${choice.python} (${written}), but its Jupyter finds another one first: ${after.tslabDir}`);
    }
    const why = problem ? ` (it was broken: ${problem})` : "";
    done.push(`registered the tslab kernel with ${choice.python} (${after.tslabDir}), running Node ${process.version} (${process.execPath})${why}`);
  }
  return done;
}

/**
 * Makes sure notebooks can run: a quick probe first (a Python with nbclient, a tslab kernel whose
 * binary exists, Chromium; with `server`, JupyterLab or the Notebook); only when something is
 * missing, scripts/setup-jupyter.sh. Returns the chosen Python. Throws when the set-up fails.
 */
export function ensureJupyter(opts: { server?: boolean } = {}): Choice {
  const ready = (): Choice | null => {
    const choice = choosePython({ server: opts.server });
    if (choice === null || kernelProblem(choice.probe) !== null) return null;
    return findChromium() === null && process.env.CHROMIUM_PATH !== "none" ? null : choice;
  };
  const quick = ready();
  if (quick) return quick;
  const script = path.join(repoRoot, "scripts", "setup-jupyter.sh");
  try {
    execFileSync("bash", [script], { stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    throw new Error(`Jupyter set-up failed (${path.relative(process.cwd(), script) || script}); see the messages above`);
  }
  const choice = choosePython({ server: opts.server });
  if (choice === null) throw new Error(`set-up finished but no Python with ${opts.server ? "a Jupyter server" : "Jupyter"} was found`);
  const problem = kernelProblem(choice.probe);
  if (problem) throw new Error(`set-up finished but ${problem}`);
  return choice;
}

function cli(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (cmd === "python") {
    const server = rest.includes("--server");
    const lab = rest.includes("--lab");
    const choice = choosePython({ server, lab });
    if (choice === null) {
      console.error(`no Python with ${lab ? "JupyterLab" : server ? "a Jupyter server" : "Jupyter (jupyter_core, nbclient, nbconvert)"} found; tried:`);
      console.error(describeProbes(candidates().map((c) => probe(c))));
      return 1;
    }
    console.log(choice.python);
    return 0;
  }
  if (cmd === "kernel") {
    try {
      for (const line of ensureKernels()) console.error(`setup-jupyter: ${line}`);
      return 0;
    } catch (e) {
      console.error(`setup-jupyter: ${(e as Error).message}`);
      return 1;
    }
  }
  if (cmd === "venv") {
    console.log(repoVenv());
    return 0;
  }
  if (cmd === "probe") {
    console.log(JSON.stringify(candidates().map((c) => probe(c)), null, 1));
    return 0;
  }
  if (cmd === "check") {
    const choice = choosePython();
    if (choice === null) {
      console.error("no Python with Jupyter");
      return 1;
    }
    const problem = kernelProblem(choice.probe);
    if (problem) console.error(problem);
    return problem ? 1 : 0;
  }
  console.error("usage: node dist/scripts/jupyter-env.js python [--server|--lab] | kernel | venv | probe | check");
  return 2;
}

if (require.main === module) process.exit(cli(process.argv.slice(2)));
