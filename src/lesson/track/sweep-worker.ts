/**
 * One worker process of a sweep (forked by runSweep): takes jobs over IPC, one at a time, trains
 * each with a tracked run, and reports the epochs back, or the reason the run failed.
 */
import { loadHousePrices, type HousePrices } from "../data/house-prices";
import { runConfig } from "../train/config";
import { toSnakeCase } from "../train/snake-case";
import type { EpochMetrics } from "../train/hooks";
import { initRun, type Run } from "./run";
import type { SweepJob } from "./sweep";

const datasets = new Map<string, HousePrices>();
let setUp = false;

process.on("message", (job: SweepJob) => {
  let run: Run | undefined;
  try {
    if (job.setup && !setUp) {
      // A module the caller named (the engine, which src/lesson may not import): looked up at run time.
      (require(job.setup.module) as Record<string, () => void>)[job.setup.call]!();
      setUp = true;
    }
    let data = datasets.get(job.data);
    if (!data) datasets.set(job.data, (data = loadHousePrices(job.data)));
    run = initRun({ project: job.project, name: job.name, config: { ...toSnakeCase(job.config) }, dir: job.dir, sweep: job.sweep });
    process.send!({ started: run.id }); // so that a worker killed mid-run still has its run marked failed
    const epochs: EpochMetrics[] = runConfig(job.config, { data, logger: run }).epochs;
    process.send!({ index: job.index, runId: run.id, state: "finished", epochs });
  } catch (error) {
    run?.fail(`exception: ${(error as Error).message}`); // no-op when training already marked it
    process.send!({ index: job.index, runId: run?.id ?? "", state: "failed", reason: failureReason(run, error), epochs: [] });
  }
});

function failureReason(run: Run | undefined, error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return run ? (/^training diverged: /.test(message) ? `diverged: ${message.replace(/^training diverged: /, "").replace(/; try a lower learning rate$/, "")}` : `exception: ${message}`) : `could not start: ${message}`;
}
