import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { initRun } from "../src/lesson/track";
import { startDashboard } from "../src/tools/dashboard/server";

/** A run of `records` records, its metrics file written in one go (logging them one by one would take long). */
function largeRun(dir: string, records: number): string {
  const run = initRun({ dir, project: "big", name: "large", config: {} });
  const lines = Array.from({ length: records }, (_, step) => `{"_step":${step},"loss":${1 / (step + 1)}}\n`);
  fs.appendFileSync(path.join(dir, "big", run.id, "metrics.jsonl"), lines.join(""));
  return run.id;
}

function get(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: target }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", reject);
  });
}

/**
 * Ask for `large` (a request that reads the large run cold), then, once it has reached the server,
 * for /api/projects: a blocking reader would answer the large one first.
 */
async function assertSmallAnsweredFirst(records: number, large: (id: string) => string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-cold-"));
  const id = largeRun(dir, records);
  const dashboard = await startDashboard({ runsDir: dir, port: 0 });
  try {
    const order: string[] = [];
    const first = get(dashboard.port, large(id)).then((status) => order.push(`large ${status}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const small = get(dashboard.port, "/api/projects").then((status) => order.push(`projects ${status}`));
    await Promise.all([first, small]);
    assert.deepEqual(order, ["projects 200", "large 200"]);
  } finally {
    await dashboard.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("a cold read of a large run does not hold up other requests", async () => {
  await assertSmallAnsweredFirst(300_000, (id) => `/api/figure?project=big&runs=${id}&metrics=loss`);
});

test("listing a large run without summary (still being written) does not hold up other requests", async () => {
  // The run has no summary.json, so /api/runs must parse its whole metrics file for its final values.
  await assertSmallAnsweredFirst(300_000, () => "/api/runs?project=big");
});
