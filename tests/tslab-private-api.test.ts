/**
 * The project reaches into tslab's private modules in five places. tslab is pinned exactly in
 * package.json; this test fails when the installed tslab differs from the pin or when one of
 * those entry points moves, so an upgrade is a visible decision, never a silent breakage:
 *   - src/lesson/notebook/tslab-output.ts: `dist/jupyter`'s `lastWriteDisplayData` (multi-MIME
 *     figures) and `ZmqServer.prototype.close` (shutdown hooks);
 *   - scripts/cache/install-cell-cache.ts: `dist/main.js` loading `./converter` and its
 *     `createConverter` (the cell cache wraps it);
 *   - scripts/cache/precompile.ts: `dist/converter` and `dist/metadata`'s `getCodeMetadata`;
 *   - scripts/kernel/learner-errors.ts: `dist/main.js` loading `./executor` and its
 *     `createExecutor`, the executor's diagnostic format, cell wrapper and `vm` call, and the
 *     converter's chained diagnostics sharing their `start`;
 *   - the kernelspec the set-up registers: `bin/tslab`, run by an absolute node.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { tslabCellPrefixes, tslabCellSuffix, tslabDiagnosticFormat } from "../scripts/kernel/learner-errors";

const repoRoot = path.resolve(__dirname, "..", "..");
const tslabDir = path.dirname(require.resolve("tslab/package.json"));
const read = (rel: string): string => fs.readFileSync(path.join(tslabDir, rel), "utf8");

test("the installed tslab is exactly the version package.json pins", () => {
  const pinned = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).devDependencies.tslab as string;
  assert.match(pinned, /^\d+\.\d+\.\d+$/, `tslab must be pinned to one version, not ${pinned}`);
  assert.equal(JSON.parse(read("package.json")).version, pinned);
});

test("dist/jupyter exports lastWriteDisplayData and sets it to the cell's writer", () => {
  const jupyter = require("tslab/dist/jupyter") as Record<string, unknown>;
  assert.ok(Object.prototype.hasOwnProperty.call(jupyter, "lastWriteDisplayData"));
  assert.match(read("dist/jupyter.js"), /exports\.lastWriteDisplayData = writeDisplayData;/);
});

test("dist/jupyter's ZmqServer has the close method the shutdown hooks wrap", () => {
  const { ZmqServer } = require("tslab/dist/jupyter") as { ZmqServer?: { prototype: { close?: unknown } } };
  assert.equal(typeof ZmqServer?.prototype.close, "function");
});

test("dist/main.js loads ./converter, whose createConverter the cell cache wraps", () => {
  assert.match(read("dist/main.js"), /require\("\.\/converter"\)/);
  const converter = require("tslab/dist/converter") as Record<string, unknown>;
  assert.equal(typeof converter.createConverter, "function");
});

test("dist/metadata's getCodeMetadata reads a cell's @module and @node tags", () => {
  const { getCodeMetadata } = require("tslab/dist/metadata") as { getCodeMetadata(src: string): { mode?: string; module?: string } };
  assert.deepEqual(getCodeMetadata("/** @module util */\nexport const a = 1;"), { module: "util" });
  assert.deepEqual(getCodeMetadata("/** @node */\nconst a = 1;"), { mode: "node" });
  assert.deepEqual(getCodeMetadata("const a = 1;"), {});
});

test("bin/tslab is a node script that starts dist/main.js, as the kernelspec runs it", () => {
  const bin = read("bin/tslab");
  assert.match(bin, /^#!\/usr\/bin\/env node/);
  assert.match(bin, /require\('\.\.\/dist\/main\.js'\)\.main\(\)/);
});

test("tslab's TypeScript is the one the cell cache keys its entries on", () => {
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] })) as { version: string };
  assert.match(ts.version, /^5\.0\./);
});

test("dist/main.js builds its executor with ./executor's createExecutor and a {log, error} console", () => {
  const main = read("dist/main.js");
  assert.match(main, /require\("\.\/executor"\)/);
  assert.match(main, /\(0, executor_1\.createExecutor\)\(process\.cwd\(\), convs, \{\s*log: console\.log,\s*error: console\.error,\s*\}\)/);
});

test("dist/executor prints diagnostics and thrown errors through its console, runs cells wrapped as expected", () => {
  const executor = read("dist/executor.js");
  assert.ok(executor.includes(`console.error(${JSON.stringify(tslabDiagnosticFormat)}, `), "the diagnostic format");
  for (const prefix of tslabCellPrefixes) assert.ok(executor.includes(JSON.stringify(prefix)), `the cell wrapper ${prefix}`);
  assert.ok(executor.includes(JSON.stringify(tslabCellSuffix)), "the cell wrapper's end");
  assert.match(executor, /vm_1\.default\.runInThisContext\(wrapped, \{\s*breakOnSigint: true,\s*\}\)/);
  assert.equal(executor.match(/catch \(e\) \{\s*console\.error\(e\);\s*return false;/g)?.length, 2, "thrown errors, with and without await");
});

test("dist/converter lists a message's chained explanations after it, sharing its start", () => {
  assert.match(read("dist/converter.js"), /traverseDiagnosticMessageChain\(start, end, child, out\)/);
});
