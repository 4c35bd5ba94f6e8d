import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "./atomic";
import { summaryFile } from "./layout";
import { loadRun } from "./reader";
import { boundReason, reserveFileOf, summaryText } from "./summary-reserve";
import type { RunSummary } from "./types";

/**
 * End, as failed, a run whose writing process died without ending it (a sweep worker killed):
 * its summary counts the records that reached the disk. Does nothing if the run has a summary.
 */
export function markAbandonedRunFailed(root: string, project: string, id: string, reason: string): void {
  const run = loadRun(project, id, { dir: root, warn: () => {} });
  const file = path.join(run.dir, summaryFile);
  if (fs.existsSync(file)) return;
  const summary: RunSummary = { state: "failed", reason: boundReason(reason), finishedAt: new Date().toISOString(), records: run.records, final: { ...run.final } };
  writeFileAtomic(file, summaryText(summary));
  fs.rmSync(reserveFileOf(file), { force: true }); // the dead writer's room for its own summary
}
