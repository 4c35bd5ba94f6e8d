import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "./run";
import { loadRun } from "./reader";
import { tempRunsDir } from "./fixtures/temp-runs-dir";

/** Lines in a run's metrics file that parse. */
function linesOnDisk(dir: string): number {
  return fs.readFileSync(path.join(dir, "metrics.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).length;
}

test("a failing write reaches the caller, marks the run failed, and the summary matches the file", (t) => {
  const dir = tempRunsDir();
  const run = initRun({ dir, project: "p", name: "full" });
  for (let i = 0; i < 50; i++) run.log({ loss: i });
  // The disk fills up: the next append gets half a record out, then ENOSPC. Writes over bytes a
  // file already holds (the summary's reserve, positioned writes) need no new blocks and succeed.
  const nodeFs: typeof fs = require("node:fs"); // the module itself: run.ts reads its functions at call time
  const real = nodeFs.writeSync;
  let calls = 0;
  t.mock.method(nodeFs, "writeSync", (fd: number, buffer: Buffer, offset: number, length?: number, position?: number) => {
    if (typeof position === "number") return real(fd, buffer, offset, length, position);
    calls += 1;
    if (calls === 1) return real(fd, buffer, offset, Math.floor((buffer.length - offset) / 2));
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  });
  assert.throws(() => run.log({ loss: 50 }), /run "full" \(p\/.*\) log: could not write metrics\.jsonl: ENOSPC: no space left on device, write; the run is marked failed with 50 records kept/);
  t.mock.restoreAll();
  assert.throws(() => run.log({ loss: 51 }), /the run failed \(write error: ENOSPC/);
  assert.equal(linesOnDisk(run.dir), 50, "the half record was cut away");
  const read = loadRun("p", run.id, { dir, warn: assert.fail });
  assert.deepEqual([read.state, read.records, read.reason], ["failed", 50, "write error: ENOSPC: no space left on device, write"]);
  const summary = JSON.parse(fs.readFileSync(path.join(run.dir, "summary.json"), "utf8"));
  assert.equal(summary.records, 50);
});

/** A real full disk: a 64 KiB tmpfs mounted in a private mount namespace, seen only by the child. */
test("on a really full disk (small tmpfs): an error to the caller, a failed run, a summary matching the file", (t) => {
  const probe = spawnSync("unshare", ["-rm", "true"]);
  if (probe.status !== 0) return t.skip("unshare -rm is not permitted here; the in-process test above covers the logic");
  const script = `
    const { initRun } = require(${JSON.stringify(path.join(__dirname, "run.js"))});
    const run = initRun({ dir: process.argv[1], project: "p", name: "tmpfs" });
    let logged = 0, error = "";
    try { for (;;) { run.log({ running_loss: 1.2345678901234 + logged, batch_step: logged }); logged++; } }
    catch (e) { error = e.message; }
    console.log(JSON.stringify({ logged, error, dir: run.dir }));
  `;
  const shell = `d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && "${process.execPath}" -e '${script.replace(/'/g, "'\\''")}' "$d" && cat "$d"/p/*/summary.json && cat "$d"/p/*/metrics.jsonl | wc -l && umount "$d" && rmdir "$d"`;
  const child = spawnSync("unshare", ["-rm", "sh", "-c", shell], { encoding: "utf8", timeout: 20_000 });
  assert.equal(child.status, 0, child.stderr);
  const [report, ...rest] = child.stdout.split("\n");
  const { logged, error } = JSON.parse(report!);
  assert.match(error, /could not write metrics\.jsonl: ENOSPC/);
  const lines = Number(rest.pop() || rest.pop());
  const summary = JSON.parse(rest.join("\n"));
  assert.ok(logged > 100, `${logged} records fit`);
  assert.deepEqual([summary.state, summary.records, lines], ["failed", logged, logged]);
  assert.match(summary.reason, /^write error: ENOSPC/);
});
