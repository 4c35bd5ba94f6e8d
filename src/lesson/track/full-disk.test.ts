import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { canMountTmpfs, onSmallTmpfs } from "./fixtures/full-disk";

const runJs = JSON.stringify(path.join(__dirname, "run.js"));

/** Fill the disk with a file, then run `body` with `run` open; prints the summary found (or none). */
function scenario(body: string): string {
  return `
    const fs = require("node:fs"), path = require("node:path");
    const { initRun } = require(${runJs});
    const root = process.argv[1];
    const run = initRun({ dir: root, project: "p", name: "full" });
    ${body}
    let error = "";
    try { fs.writeFileSync(path.join(root, "filler"), Buffer.alloc(1 << 20)); } catch {}
    try { END; } catch (e) { error = e.message; }
    const file = path.join(run.dir, "summary.json");
    const summary = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
    console.log(JSON.stringify({ error, summary, files: fs.readdirSync(run.dir) }));
  `;
}

function runScenario(t: { skip: (why: string) => void }, script: string) {
  if (!canMountTmpfs()) return t.skip("unshare -rm is not permitted here"), null;
  const child = onSmallTmpfs("64k", script);
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split("\n").pop()!);
}

test("full disk: finish() with 120 metrics of long names still writes the summary", (t) => {
  const names = 'Array.from({ length: 120 }, (_, i) => "metric_with_a_long_name_" + String(i).padStart(6, "0"))';
  const script = scenario(`const record = {}; for (const n of ${names}) record[n] = 1.2345678901234567;
    run.log(record);`).replace("END", "run.finish()");
  const out = runScenario(t, script);
  if (!out) return;
  assert.equal(out.error, "");
  assert.equal(out.summary?.state, "finished");
  assert.equal(Object.keys(out.summary.final).length, 120);
  assert.ok(!out.files.some((f: string) => f.includes("reserve")), out.files.join(","));
});

test("full disk: a 6,000-character fail() reason is cut, says so, and the summary is written", (t) => {
  const script = scenario(`run.log({ loss: 1 });`).replace("END", 'run.fail("x".repeat(6000))');
  const out = runScenario(t, script);
  if (!out) return;
  assert.equal(out.error, "");
  assert.equal(out.summary?.state, "failed");
  assert.match(out.summary.reason, /^x+\.\.\. \(\d[\d,]* more characters cut\)$/);
  assert.ok(out.summary.reason.length < 6000);
});

test("full disk: initRun names the run and leaves no folder behind", (t) => {
  if (!canMountTmpfs()) return t.skip("unshare -rm is not permitted here");
  const script = `
    const fs = require("node:fs"), path = require("node:path");
    const { initRun } = require(${runJs});
    const root = process.argv[1];
    fs.mkdirSync(path.join(root, "p"));
    try { fs.writeFileSync(path.join(root, "filler"), Buffer.alloc(1 << 20)); } catch {}
    let error = "";
    try { initRun({ dir: root, project: "p", name: "late", config: { notes: "y".repeat(3000) } }); } catch (e) { error = e.message; }
    console.log(JSON.stringify({ error, left: fs.readdirSync(path.join(root, "p")) }));
  `;
  const child = onSmallTmpfs("64k", script);
  assert.equal(child.status, 0, child.stderr);
  const out = JSON.parse(child.stdout.trim().split("\n").pop()!);
  assert.match(out.error, /^initRun: could not create run "late" in project "p": .*ENOSPC/);
  assert.deepEqual(out.left, []);
});

test("a failed write of the summary is an error, never a silent return", (t) => {
  const { initRun } = require("./run") as typeof import("./run");
  const { tempRunsDir } = require("./fixtures/temp-runs-dir") as typeof import("./fixtures/temp-runs-dir");
  const run = initRun({ dir: tempRunsDir(), project: "p", name: "stuck" });
  run.log({ loss: 1 });
  const nodeFs: typeof fs = require("node:fs");
  t.mock.method(nodeFs, "renameSync", () => {
    throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
  });
  assert.throws(() => run.finish(), /run "stuck" .* finish: could not write summary\.json: EIO/);
  assert.throws(() => run.finish(), /run "stuck" .* no summary written/);
});
