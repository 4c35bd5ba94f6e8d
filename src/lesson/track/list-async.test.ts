import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { listRuns, listRunsSharedAsync } from "./reader";

/** The dashboard's non-blocking listing must list a project exactly as listRuns does, problems included. */

const createdAt = "2026-01-01T00:00:00.000Z";
const meta = (id: string) => JSON.stringify({ id, project: "p", name: id, createdAt, config: { lr: 0.1 }, pid: -1, host: "", metrics: {} });
const lines = (n: number) => Array.from({ length: n }, (_, step) => `{"_step":${step},"loss":${1 / (step + 1)}}\n`).join("");

/** Run folders by hand (fixed ids and times), so that two folders hold the very same runs. */
const runs: Record<string, Record<string, string>> = {
  finished: { "run.json": meta("finished"), "metrics.jsonl": lines(3), "summary.json": JSON.stringify({ state: "finished", finishedAt: createdAt, records: 3, final: { loss: 1 / 3 } }) },
  failed: { "run.json": meta("failed"), "metrics.jsonl": lines(2), "summary.json": JSON.stringify({ state: "failed", reason: "diverged at epoch 2", finishedAt: createdAt, records: 2, final: { loss: 0.5 } }) },
  unfinished: { "run.json": meta("unfinished"), "metrics.jsonl": `${lines(40_000)}{"loss":` },
  "bad-lines": { "run.json": meta("bad-lines"), "metrics.jsonl": `${lines(1)}${"garbage\n".repeat(30_000)}` },
  "bad-summary": { "run.json": meta("bad-summary"), "metrics.jsonl": lines(4), "summary.json": "{not json" },
  "no-meta": { "metrics.jsonl": lines(5) },
};

function runsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "list-async-"));
  for (const [id, files] of Object.entries(runs)) {
    const run = path.join(dir, "p", id);
    fs.mkdirSync(run, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(run, name), text);
    fs.utimesSync(run, new Date(createdAt), new Date(createdAt)); // a run without run.json is dated by its folder
  }
  fs.symlinkSync(os.tmpdir(), path.join(dir, "p", "linked")); // not listed by either
  return dir;
}

test("listRunsSharedAsync lists like listRuns: finished, failed, unfinished and damaged runs", async () => {
  const syncWarnings: string[] = [];
  const sync = listRuns("p", { dir: runsDir(), warn: (w) => syncWarnings.push(w) });
  const asyncWarnings: string[] = [];
  const listed = await listRunsSharedAsync("p", { dir: runsDir(), warn: (w) => asyncWarnings.push(w) });
  const withoutDir = (list: ReadonlyArray<object>) => list.map((r) => ({ ...r, dir: "" }));
  assert.deepEqual(withoutDir(listed), withoutDir(sync));
  assert.deepEqual(asyncWarnings, syncWarnings);
  assert.deepEqual(sync.map((r) => r.state).sort(), ["failed", "finished", "unfinished", "unfinished", "unfinished", "unfinished"]);
});

test("concurrent and later listings of an unchanged project get the very same run objects", async () => {
  const dir = runsDir();
  const [a, b] = await Promise.all([listRunsSharedAsync("p", { dir, warn: () => {} }), listRunsSharedAsync("p", { dir, warn: () => {} })]);
  a.forEach((run, i) => assert.equal(run, b[i]));
  const again = await listRunsSharedAsync("p", { dir, warn: () => {} });
  again.forEach((run, i) => assert.equal(run, a[i]));
});

test("listRunsSharedAsync refuses an unsafe project name and lists a missing one as empty", async () => {
  const dir = runsDir();
  await assert.rejects(listRunsSharedAsync("..", { dir }), /project/);
  assert.deepEqual(await listRunsSharedAsync("nope", { dir }), []);
});
