/**
 * Time the lesson's training runs the way the performance goal counts them: the sum of the
 * per-epoch `runtime`, each run in a fresh node process (so JIT warm-up is included).
 *
 *   npm run build && node dist/scripts/profile-engine.js [runs=7] [batch sizes=4,32] [optimizer=sgd]
 *
 * Prints, per batch size, the minimum and median over the runs of the total, the first
 * epoch and the last epoch, and the steady-state GFLOP/s. Other processes on the machine
 * show up as spikes in single epochs, so on a busy machine the script also prints the sum over
 * epochs of each epoch's minimum across runs: an estimate of the total on a quiet machine.
 */
import { spawnSync } from "node:child_process";
import { loadHousePrices } from "../src/data/house-prices";
import { runConfig } from "../src/train/config";

/** Multiply-adds per sample in the lesson's 7 -> 25 -> 10 -> 1 network. */
const FORWARD_MACS = 7 * 25 + 25 * 10 + 10 * 1;
/** Forward, x^T @ g for every layer, g @ W^T for all but the first: about 2260 FLOP. */
const TRAIN_FLOP_PER_SAMPLE = 2 * (2 * FORWARD_MACS + 25 * 10 + 10 * 1);

interface Sample { total: number; first: number; last: number; epochs: number[] }

/** Child mode: one run, printed as JSON. */
function child(batchSize: number, optimizer: string): void {
  const data = loadHousePrices();
  const lr = optimizer.startsWith("adam") ? 1e-3 : 1e-4;
  const { epochs } = runConfig({ optimizer: optimizer as "sgd", batch_size: batchSize, lr }, { data });
  const ms = epochs.map((e) => e.runtime * 1000);
  const sample: Sample = { total: ms.reduce((a, b) => a + b, 0), first: ms[0]!, last: ms[ms.length - 1]!, epochs: ms };
  console.log(JSON.stringify({ ...sample, trainRows: data.train.x.rows, validRows: data.valid.x.rows }));
}

function main(): void {
  const [runs = "7", sizes = "4,32", optimizer = "sgd"] = process.argv.slice(2);
  for (const batchSize of sizes.split(",").map(Number)) {
    const samples: (Sample & { trainRows: number; validRows: number })[] = [];
    for (let i = 0; i < Number(runs); i++) {
      const result = spawnSync(process.execPath, [__filename, "--child", String(batchSize), optimizer], { encoding: "utf8" });
      if (result.status !== 0) throw new Error(`profile run failed (batch size ${batchSize}):\n${result.stderr}`);
      samples.push(JSON.parse(result.stdout));
    }
    const stat = (key: "total" | "first" | "last") => {
      const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
      return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
    };
    const [total, first, last] = [stat("total"), stat("first"), stat("last")];
    const { trainRows, validRows } = samples[0]!;
    const flop = trainRows * TRAIN_FLOP_PER_SAMPLE + validRows * 2 * FORWARD_MACS;
    const fmt = (s: { min: number; median: number }, digits: number) => `min ${s.min.toFixed(digits)} median ${s.median.toFixed(digits)} ms`;
    console.log(`${optimizer} batch ${batchSize}: total ${fmt(total, 1)} | first epoch ${fmt(first, 2)} | last epoch ${fmt(last, 3)}`
      + ` | steady ${(flop / (last.min / 1000) / 1e9).toFixed(2)} GFLOP/s`);
    const quiet = samples[0]!.epochs.reduce((sum, _, e) => sum + Math.min(...samples.map((s) => s.epochs[e]!)), 0);
    console.log(`  sum of per-epoch minima (undisturbed estimate): ${quiet.toFixed(1)} ms`);
  }
}

if (process.argv[2] === "--child") child(Number(process.argv[3]), process.argv[4]!);
else main();
