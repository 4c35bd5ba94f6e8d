/**
 * Set-up where learners start: which Python runs Jupyter is found by running candidates, never by
 * reading a shebang (pyenv's `python3` and `jupyter` are bash shims), and set-up plus one chapter
 * work with such shims on PATH and inside a venv. Each case registers the tslab kernel in a private
 * Jupyter folder (or the venv), so the machine's own kernel is left alone.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { candidates, canExecute, choosePython, probe } from "../scripts/jupyter-env";
import { kernelNode, kernelTslab, tslabScript } from "../scripts/kernel-spec";
import { learnerErrorsPreload } from "../scripts/kernel/learner-errors";
import { listNotebooks, readNotebook, storedNotebookProblems, tslabKernelspec } from "../scripts/notebook-file";
import { makeNotebook, tempNotebookDir, writeNotebook } from "./notebooks-fixtures";
import { describeFailure, executeNotebook } from "../scripts/notebook-exec";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "jupyter-setup-"));
const notebookDirs: string[] = [];
after(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
  for (const d of notebookDirs) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A Python that runs notebooks and is not itself a venv (what a shim or a venv is built on), with
 * the environment it needs. Where only a venv has Jupyter (a machine whose set-up made
 * .jupyter-venv), that venv's base interpreter is used with the venv's packages on PYTHONPATH.
 */
function basePython(): { python: string; env: NodeJS.ProcessEnv } {
  for (const c of candidates({ ...process.env, VIRTUAL_ENV: "", CONDA_PREFIX: "", JUPYTER_PYTHON: "" })) {
    const p = probe(c);
    if (p.executable && canExecute(p) && !p.isEnv) return { python: p.executable, env: {} };
  }
  const any = choosePython();
  if (any === null) throw new Error("no Python with Jupyter on this machine: run `bash scripts/setup-jupyter.sh`");
  const where = spawnSync(any.python, ["-c", "import jupyter_core, os, sys; print(sys._base_executable); print(os.path.dirname(os.path.dirname(jupyter_core.__file__)))"], { encoding: "utf8" });
  assert.equal(where.status, 0, where.stderr);
  const [python, sitePackages] = where.stdout.trim().split("\n");
  return { python, env: { PYTHONPATH: sitePackages } };
}

/** A folder of bash shims as pyenv makes them: `python3`, `python` and `jupyter` exec `python`. */
function shimDir(python: string): string {
  const dir = fs.mkdtempSync(path.join(scratch, "shims-"));
  const shim = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\nset -e\n${body}\n`, { mode: 0o755 });
  shim("python3", `exec "${python}" "$@"`);
  shim("python", `exec "${python}" "$@"`);
  shim("jupyter", `exec "${python}" -m jupyter "$@"`);
  return dir;
}

/** The environment of a learner's shell, with a private Jupyter data folder and no pip installs. */
function learnerEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_DATA_DIR: fs.mkdtempSync(path.join(scratch, "jupyter-data-")),
    LESSON_JUPYTER_VENV: path.join(scratch, "no-such-venv"), // not this checkout's own venv
    SETUP_NO_PIP: "1",
    CI: "1", // register the kernel even though the machine has one
    ...extra,
  };
  delete env.JUPYTER_PYTHON;
  delete env.VIRTUAL_ENV;
  delete env.CONDA_PREFIX;
  return env;
}

/** Chapter 2, copied where tslab resolves `optim-lesson` as in notebooks/. */
function oneChapter(): { dir: string; file: string } {
  const dir = tempNotebookDir();
  notebookDirs.push(dir);
  const source = listNotebooks(path.join(repoRoot, "notebooks")).find((f) => path.basename(f).startsWith("02"))!;
  const file = path.join(dir, path.basename(source));
  const nb = readNotebook(source);
  for (const cell of nb.cells) if (cell.cell_type === "code") Object.assign(cell, { outputs: [], execution_count: null });
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
  return { dir, file };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): { status: number | null; out: string } {
  const r = spawnSync(command, args, { cwd: repoRoot, env, encoding: "utf8", timeout: 600_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

function setUpAndRunOneChapter(env: NodeJS.ProcessEnv): { kernelJson: string } {
  const setup = run("bash", [path.join(repoRoot, "scripts", "setup-jupyter.sh")], env);
  assert.equal(setup.status, 0, `setup-jupyter.sh failed:\n${setup.out}`);
  const registered = setup.out.match(/registered the tslab kernel with \S+ \((\S+)\)/);
  assert.ok(registered, `the set-up registered no kernel:\n${setup.out}`);
  const kernelJson = path.join(registered[1], "kernel.json");
  const argv = JSON.parse(fs.readFileSync(kernelJson, "utf8")).argv as string[];
  assert.equal(kernelNode(argv), process.execPath, "the kernel runs this Node");
  assert.equal(kernelTslab(argv), tslabScript, "the kernel runs this checkout's tslab");
  assert.ok(argv.includes(learnerErrorsPreload), "the kernel preloads the learner's error messages");

  const { dir, file } = oneChapter();
  const lesson = run(process.execPath, [path.join(repoRoot, "dist", "scripts", "lesson.js")], { ...env, LESSON_NOTEBOOKS_DIR: dir });
  assert.equal(lesson.status, 0, `npm run lesson failed:\n${lesson.out}`);
  assert.match(lesson.out, /1\/1 notebooks ran/);
  assert.deepEqual(storedNotebookProblems(readNotebook(file), fs.statSync(file).size), []);
  return { kernelJson };
}

test("the rule runs each candidate and takes its sys.executable, never a shim's first line", () => {
  const { python, env: pythonEnv } = basePython();
  const shims = shimDir(python);
  const env = learnerEnv({ ...pythonEnv, PATH: `${shims}${path.delimiter}${process.env.PATH}` });
  const choice = choosePython({ env });
  assert.ok(choice, "a Python was chosen");
  assert.equal(choice.python, python);
  assert.equal(choice.probe.command, "python3", "found as python3 on PATH (the shim)");
  assert.ok(!choice.python.startsWith(shims), "the shim itself is never used as the interpreter");

  // $JUPYTER_PYTHON, when set, is the only candidate: a wrong one is reported, not replaced.
  assert.equal(choosePython({ env: { ...env, JUPYTER_PYTHON: path.join(shims, "python3") } })?.python, python);
  assert.equal(choosePython({ env: { ...env, JUPYTER_PYTHON: "/nonexistent/python" } }), null);
  // A Python without Jupyter is passed over.
  const bare = probe({ source: "test", command: "/nonexistent/python" });
  assert.equal(bare.executable, null);
});

test("the set-up check on a machine that is set up takes under a second", () => {
  // Best of three: other test files run beside this one and can stall a single try.
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ["-e", 'const t=Date.now(); require("./dist/scripts/jupyter-env.js").ensureJupyter(); console.log(Date.now()-t)'], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    times.push(Number(r.stdout.trim().split("\n").pop()));
  }
  assert.ok(Math.min(...times) < 1000, `set-up checks took ${times.join(", ")} ms`);
});

test("set-up plus one chapter, with python3 and jupyter on PATH as bash shims (pyenv)", () => {
  const { python, env: pythonEnv } = basePython();
  const env = learnerEnv({ ...pythonEnv, PATH: `${shimDir(python)}${path.delimiter}${process.env.PATH}` });
  const { kernelJson } = setUpAndRunOneChapter(env);
  assert.ok(kernelJson.startsWith(env.JUPYTER_DATA_DIR!), `kernel registered in the user's Jupyter folder, not ${kernelJson}`);
});

test("set-up plus one chapter inside a venv", () => {
  const venv = path.join(scratch, "venv");
  // --system-site-packages: the venv sees the base Python's Jupyter, so nothing is downloaded.
  const base = basePython();
  const made = spawnSync(base.python, ["-m", "venv", "--without-pip", "--system-site-packages", venv], { encoding: "utf8", env: { ...process.env, ...base.env } });
  assert.equal(made.status, 0, made.stderr);
  const env = learnerEnv({ ...base.env, VIRTUAL_ENV: venv, PATH: `${path.join(venv, "bin")}${path.delimiter}${process.env.PATH}` });
  const choice = choosePython({ env });
  assert.equal(path.dirname(choice?.python ?? ""), path.join(venv, "bin"), "the active venv comes first");
  const { kernelJson } = setUpAndRunOneChapter(env);
  assert.ok(kernelJson.startsWith(venv), `kernel registered in the venv, not ${kernelJson}`);
});

test("every stored notebook carries the tslab kernel's own language_info (its kernel_info reply)", async () => {
  // The runner stores the kernel's reply; a one-cell notebook shows what that reply is.
  const dir = tempNotebookDir();
  notebookDirs.push(dir);
  const file = path.join(dir, "probe.ipynb");
  writeNotebook(file, { ...makeNotebook(["1 + 1;"]), metadata: { kernelspec: { ...tslabKernelspec }, language_info: { name: "typescript", version: "0.0.0" } } });
  const result = await executeNotebook(file, file);
  assert.ok(result.ok, describeFailure("probe.ipynb", result));
  const reply = readNotebook(file).metadata.language_info as Record<string, unknown>;
  assert.notEqual(reply.version, "0.0.0", "the runner replaced language_info with the kernel's");
  assert.ok(reply.codemirror_mode, "tslab's reply includes codemirror_mode");
  for (const stored of listNotebooks(path.join(repoRoot, "notebooks"))) {
    assert.deepEqual(readNotebook(stored).metadata.language_info, reply, `${path.basename(stored)}: run \`npm run lesson -- ${path.basename(stored)}\``);
  }
});
