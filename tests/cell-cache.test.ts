/**
 * The cell cache (scripts/cache/): cells compiled ahead of the kernels (precompile.ts) are reused
 * only while everything the compile looked at is unchanged; errors are never stored; a damaged
 * entry is a miss; and a kernel served from the cache prints exactly what a kernel that compiled
 * its cells itself prints.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { makeNotebook, tempNotebookDir, writeNotebook, displayDemoCells } from "./notebooks-fixtures";
import { executeNotebooks } from "../scripts/notebook-exec";
import { Notebook, readNotebook } from "../scripts/notebook-file";
import { ObservationLog, stillHolds, type FileSystemHost } from "../scripts/cache/observations";

const dir = tempNotebookDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const precompileJs = path.join(repoRoot, "dist", "scripts", "cache", "precompile.js");

interface Summary {
  compiled: number;
  cached: number;
  stopped: string[];
}

/** Runs the precompile script on `notebooks` with its cache in `cacheDir`; returns its summary. */
function precompile(cacheDir: string, notebooks: string[], env: NodeJS.ProcessEnv = {}): Summary {
  const r = spawnSync(process.execPath, [precompileJs, ...notebooks], { encoding: "utf8", env: { ...process.env, LESSON_CACHE_DIR: cacheDir, ...env } });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.deepEqual(lines.slice(0, -1).map((l) => JSON.parse(l)), notebooks.map((_, i) => ({ ready: i })), "one ready line per notebook, in order");
  return JSON.parse(lines.at(-1)!) as Summary;
}

test("precompile: every cell compiled once, then all of them found in the cache", () => {
  const cache = path.join(dir, "cache-basic");
  const a = path.join(dir, "a.ipynb");
  const b = path.join(dir, "b.ipynb");
  writeNotebook(a, makeNotebook(['import { Matrix } from "optim-lesson";', "const m = Matrix.zeros(2, 3);", "", "m.shape"]));
  writeNotebook(b, makeNotebook(["const x = 2;", "x * 21"]));
  assert.deepEqual(precompile(cache, [a, b]), { compiled: 5, cached: 0, stopped: [] }, "the empty cell is skipped, as nbclient does");
  assert.deepEqual(precompile(cache, [a, b]), { compiled: 0, cached: 5, stopped: [] });
  // A cell that changes invalidates itself and, through its declarations, the cells after it.
  writeNotebook(a, makeNotebook(['import { Matrix } from "optim-lesson";', "const m = Matrix.zeros(2, 4);", "m.shape"]));
  assert.deepEqual(precompile(cache, [a]), { compiled: 1, cached: 2, stopped: [] }, "m's type is unchanged, so the last cell is reused");
  writeNotebook(a, makeNotebook(['import { Matrix } from "optim-lesson";', 'const m = "a string";', "m.shape"]));
  const changedType = precompile(cache, [a]);
  assert.equal(changedType.cached, 1, "only the import is reused");
  assert.deepEqual(changedType.stopped, ["a.ipynb: a cell does not compile"], "m.shape no longer type-checks");
});

test("precompile: a changed, removed or restored declaration file is noticed", () => {
  const cache = path.join(dir, "cache-deps");
  const pkg = path.join(dir, "node_modules", "answer-lib");
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "answer-lib", main: "index.js", types: "index.d.ts" }));
  fs.writeFileSync(path.join(pkg, "index.js"), "exports.answer = 42;\n");
  const typed = (type: string) => fs.writeFileSync(path.join(pkg, "index.d.ts"), `export declare const answer: ${type};\n`);
  typed("number");
  const nb = path.join(dir, "deps.ipynb");
  writeNotebook(nb, makeNotebook(['import { answer } from "answer-lib";', "const n: number = answer;"]));

  assert.deepEqual(precompile(cache, [nb]), { compiled: 2, cached: 0, stopped: [] });
  typed("string");
  assert.deepEqual(precompile(cache, [nb]), { compiled: 2, cached: 0, stopped: ["deps.ipynb: a cell does not compile"] });
  // Back to the first text, with a newer mtime. The import cell's entry now records the string
  // version (it was compiled again then), so it is compiled once more; the next cell's entry,
  // stored by the first run, holds again: the file's hash matches, whatever its mtime.
  typed("number");
  assert.deepEqual(precompile(cache, [nb]), { compiled: 1, cached: 1, stopped: [] });
  assert.deepEqual(precompile(cache, [nb]), { compiled: 0, cached: 2, stopped: [] });
  fs.rmSync(pkg, { recursive: true });
  assert.deepEqual(precompile(cache, [nb]), { compiled: 1, cached: 0, stopped: ["deps.ipynb: a cell does not compile"] });
});

test("precompile: errors are never stored, a damaged entry is a miss, LESSON_CACHE=off turns it off", () => {
  const cache = path.join(dir, "cache-damage");
  const nb = path.join(dir, "damage.ipynb");
  writeNotebook(nb, makeNotebook(["const ok = 1;", 'const n: number = "text";']));
  assert.deepEqual(precompile(cache, [nb]), { compiled: 2, cached: 0, stopped: ["damage.ipynb: a cell does not compile"] });
  assert.deepEqual(precompile(cache, [nb]), { compiled: 1, cached: 1, stopped: ["damage.ipynb: a cell does not compile"] });

  const cells = path.join(cache, "tslab-cells");
  const entries = fs.readdirSync(cells).flatMap((d) => fs.readdirSync(path.join(cells, d)).map((f) => path.join(cells, d, f)));
  for (const f of entries) fs.writeFileSync(f, "{ not json");
  assert.deepEqual(precompile(cache, [nb]), { compiled: 2, cached: 0, stopped: ["damage.ipynb: a cell does not compile"] });
  assert.deepEqual(precompile(cache, [nb], { LESSON_CACHE: "off" }), { compiled: 0, cached: 0, stopped: ["LESSON_CACHE=off"] });
});

test("observations: each kind of answer is checked against the disk again", () => {
  const root = path.join(dir, "observed");
  fs.mkdirSync(path.join(root, "sub"), { recursive: true });
  const file = path.join(root, "f.d.ts");
  fs.writeFileSync(file, "export {};\n");
  const host: FileSystemHost = {
    readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, "utf8") : undefined),
    fileExists: (p) => fs.existsSync(p) && fs.statSync(p).isFile(),
    directoryExists: (p) => fs.existsSync(p) && fs.statSync(p).isDirectory(),
    realpath: (p) => fs.realpathSync(p),
    getDirectories: (p) => fs.readdirSync(p).filter((n) => fs.statSync(path.join(p, n)).isDirectory()),
  };
  const log = new ObservationLog();
  const detach = log.attach(host);
  host.readFile(file);
  host.readFile(path.join(root, "missing.d.ts"));
  host.fileExists(path.join(root, "missing.d.ts"));
  host.directoryExists(path.join(root, "sub"));
  host.realpath!(root);
  host.getDirectories(root);
  detach();
  const seen = log.snapshot();
  assert.deepEqual(seen.map((o) => o[0]).sort(), ["dir", "file", "read", "read", "realpath", "subdirs"]);
  assert.ok(seen.every(stillHolds), "nothing changed yet");

  const broken = (kind: string) => seen.some((o) => o[0] === kind && !stillHolds(o));
  fs.writeFileSync(file, "export declare const x: number;\n");
  assert.ok(broken("read"), "new contents");
  fs.writeFileSync(path.join(root, "missing.d.ts"), "");
  assert.ok(broken("file"), "a file that appeared");
  fs.mkdirSync(path.join(root, "other"));
  assert.ok(broken("subdirs"), "a new folder");
  fs.rmSync(path.join(root, "sub"), { recursive: true });
  assert.ok(broken("dir"), "a folder that went");

  // Read again after a change (as TypeScript does when told of it): the new contents count.
  const again = new ObservationLog();
  const detachAgain = again.attach(host);
  host.readFile(file);
  const version = again.version;
  fs.writeFileSync(file, "export declare const y: string;\n");
  host.readFile(file);
  detachAgain();
  assert.equal(again.version, version + 1);
  assert.ok(again.snapshot().every(stillHolds), "the log holds the latest contents");
});

/** A notebook's outputs, without what differs between any two runs (none do here). */
const outputsOf = (nb: Notebook) => nb.cells.map((c) => c.outputs ?? []);

test("a kernel served from the cache prints what a kernel compiling its own cells prints", async () => {
  const cache = path.join(dir, "cache-kernel");
  const log = path.join(dir, "cells.log");
  const source = path.join(dir, "kernel.ipynb");
  writeNotebook(source, makeNotebook([...displayDemoCells, 'const s: number = "not a number";']));
  const run = async (name: string, env: Record<string, string>) => {
    const saved = { ...process.env };
    Object.assign(process.env, { LESSON_CACHE_DIR: cache, LESSON_CELL_CACHE_LOG: log }, env);
    try {
      const [result] = await executeNotebooks([{ source, output: path.join(dir, `${name}.ipynb`) }], { jobs: 1 });
      return result;
    } finally {
      process.env = saved;
    }
  };
  const off = await run("off", { LESSON_CACHE: "off" });
  assert.equal(fs.existsSync(log), false, "no cache, no log");
  const first = await run("first", {});
  const second = await run("second", {});
  const lines = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { hit: boolean });
  const cells = displayDemoCells.length;
  // Each run: the precompiled cells are hits; the broken cell is compiled by the kernel, which
  // reports its error.
  assert.deepEqual(lines.map((l) => l.hit), [...Array(cells).fill(true), false, ...Array(cells).fill(true), false]);
  for (const r of [off, first, second]) {
    assert.equal(r.ok, false);
    assert.equal(r.cell, cells + 1, "the broken cell fails");
    assert.match(JSON.stringify(r.notebook!.cells[cells + 1].outputs), /Type 'string' is not assignable to type 'number'/);
  }
  assert.deepEqual(outputsOf(readNotebook(path.join(dir, "first.ipynb"))), outputsOf(readNotebook(path.join(dir, "off.ipynb"))));
  assert.deepEqual(outputsOf(readNotebook(path.join(dir, "second.ipynb"))), outputsOf(readNotebook(path.join(dir, "off.ipynb"))));
});
