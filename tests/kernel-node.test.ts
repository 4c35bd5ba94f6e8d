/**
 * The registered tslab kernel runs the Node the set-up ran with, whatever PATH Jupyter starts
 * with, and the set-up registers it again when that Node is gone or too old.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { choosePython } from "../scripts/jupyter-env";
import { installKernelSpec, kernelArgvProblem, kernelNode, kernelSpec, kernelTslab, oldestSupportedNode, tslabScript } from "../scripts/kernel-spec";
import { learnerErrorsNodeArgs } from "../scripts/kernel/learner-errors";
import { makeNotebook, writeNotebook } from "./notebooks-fixtures";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kernel-node-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** An executable `node` in a fresh folder that prints `version` (and does nothing else). */
function fakeNode(version: string): string {
  const dir = fs.mkdtempSync(path.join(scratch, "bin-"));
  const file = path.join(dir, "node");
  fs.writeFileSync(file, `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
  return file;
}

test("a kernelspec is broken when it names no node, a missing node, one older than engines, or lacks the error preload", () => {
  assert.match(kernelArgvProblem(["/x/node_modules/.bin/tslab", "kernel"])!, /whichever node is first on PATH/);
  assert.match(kernelArgvProblem(["tslab", "kernel"])!, /whichever node is first on PATH/);
  assert.match(kernelArgvProblem(["/no/such/node", tslabScript, "kernel"])!, /\/no\/such\/node, which is gone/);
  assert.match(kernelArgvProblem([fakeNode(`v${oldestSupportedNode() - 2}.0.0`), tslabScript, "kernel"])!, /older than the oldest supported/);
  assert.match(kernelArgvProblem([fakeNode("not-node"), tslabScript, "kernel"])!, /does not run as Node/);
  assert.match(kernelArgvProblem([process.execPath, "/no/such/tslab", "kernel"])!, /tslab at \/no\/such\/tslab/);
  assert.match(kernelArgvProblem([process.execPath, tslabScript, "kernel"])!, /does not preload .*preload\.js/);
  assert.match(kernelArgvProblem([process.execPath, "--require", "/no/such/preload.js", tslabScript, "kernel"])!, /does not preload/);
  assert.equal(kernelArgvProblem(null), "no tslab kernel is registered");
  assert.equal(kernelArgvProblem(kernelSpec().argv), null);
});

/** The set-up's Python, and an environment whose user-level Jupyter folder is private. */
function privateJupyter(extra: NodeJS.ProcessEnv = {}): { python: string; env: NodeJS.ProcessEnv; data: string } {
  const choice = choosePython();
  assert.ok(choice, "no Python with Jupyter: run `bash scripts/setup-jupyter.sh`");
  const data = fs.mkdtempSync(path.join(scratch, "jupyter-data-"));
  // The user folder before any venv's own, so the kernel found is the one this test writes.
  return { python: choice.python, data, env: { ...process.env, JUPYTER_DATA_DIR: data, JUPYTER_PREFER_ENV_PATH: "0", ...extra } };
}

test("the kernel runs the registered Node even when PATH's first node is another one", () => {
  const { python, env, data } = privateJupyter();
  const written = installKernelSpec(python, kernelSpec(), false, env);
  assert.ok(written.startsWith(data), `written to ${written}`);
  const decoy = path.dirname(fakeNode("v99.0.0")); // a `node` that cannot run tslab
  const file = path.join(scratch, "which-node.ipynb");
  writeNotebook(file, makeNotebook(["console.log(process.execPath, process.version);"]));
  const r = spawnSync(python, [path.join(repoRoot, "scripts", "execute_notebook.py"), file, file], {
    env: { ...env, PATH: `${decoy}${path.delimiter}${env.PATH}`, LESSON_CACHE: "off" },
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const out = JSON.stringify(JSON.parse(fs.readFileSync(file, "utf8")).cells[1].outputs);
  assert.ok(out.includes(`${process.execPath} ${process.version}`), `the kernel printed ${out}`);
});

for (const [what, node] of [
  ["gone", () => "/no/such/dir/node"],
  ["older than engines", () => fakeNode("v16.20.0")],
  ["a bare tslab", () => "tslab"],
] as const) {
  test(`the set-up registers the kernel again when its Node is ${what}`, () => {
    const { python, env, data } = privateJupyter({ JUPYTER_PYTHON: choosePython()!.python });
    delete env.CI; // outside CI a working kernel is kept, so only the broken one is replaced
    const staleNode = node();
    const stale = { ...kernelSpec(), argv: [staleNode, ...(staleNode === "tslab" ? [] : [tslabScript]), "kernel", "--config-path", "{connection_file}"] };
    const kernelJson = installKernelSpec(python, stale, false, env);
    assert.ok(kernelJson.startsWith(data));
    const r = spawnSync(process.execPath, [path.join(repoRoot, "dist", "scripts", "jupyter-env.js"), "kernel"], { env, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /registered the tslab kernel .* \(it was broken: /);
    const argv = JSON.parse(fs.readFileSync(kernelJson, "utf8")).argv as string[];
    assert.deepEqual([kernelNode(argv), kernelTslab(argv)], [process.execPath, tslabScript]);
    assert.deepEqual(argv.slice(1, 3), learnerErrorsNodeArgs(), "the error preload follows the node");
    const again = spawnSync(process.execPath, [path.join(repoRoot, "dist", "scripts", "jupyter-env.js"), "kernel"], { env, encoding: "utf8" });
    assert.equal(again.stderr, "", "a working kernel is left as it is");
  });
}
