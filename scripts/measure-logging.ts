/**
 * `npm run measure-logging`: what write-through logging costs, for the README. Trains the lesson's
 * batch-4 run (SGD, lr 1e-4, 100 epochs: 12,800 records) with and without a tracked run, and
 * times 12,800 bare log() calls; medians of 5 after one warm-up, plus the load average.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { useEngine } from "../src/engine";
import { loadHousePrices } from "../src/lesson/data/house-prices";
import { initRun } from "../src/lesson/track";
import { runConfig } from "../src/lesson/train/config";
import { median } from "../src/tools/bench/stats";

useEngine(); // as the package and the CLIs do
const config = { optimizer: "sgd" as const, lr: 1e-4, batchSize: 4, epochs: 100 };
const data = loadHousePrices();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "measure-logging-"));
const times = { untracked: [] as number[], tracked: [] as number[], logCalls: [] as number[] };
const timed = (work: () => void) => {
  const start = performance.now();
  work();
  return performance.now() - start;
};
runConfig(config, { data, logger: initRun({ dir, project: "warm-up" }) });
for (let k = 0; k < 5; k++) {
  times.untracked.push(timed(() => runConfig(config, { data })));
  const run = initRun({ dir, project: "p" });
  times.tracked.push(timed(() => runConfig(config, { data, logger: run })));
  const bare = initRun({ dir, project: "p" });
  times.logCalls.push(timed(() => {
    for (let i = 0; i < 12_800; i++) bare.log({ running_loss: 9.87654321 + i, batch_step: 4 * i });
  }));
  bare.finish();
}
const medianMs = (values: number[]) => median(values).toFixed(1);
console.log(`load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
console.log(`batch-4 run, 100 epochs: ${medianMs(times.untracked)} ms untracked, ${medianMs(times.tracked)} ms tracked (12,800 records written through)`);
console.log(`12,800 log() calls alone: ${medianMs(times.logCalls)} ms`);
fs.rmSync(dir, { recursive: true, force: true });
