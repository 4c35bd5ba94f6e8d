#!/usr/bin/env node
/**
 * One benchmark repetition of the TensorFlow.js contender, in a fresh node process:
 * `node dist/src/tools/bench/tfjs-worker.js JOB_JSON`. Prints {"epochs": [...], "tfjs": {...}} on stdout.
 */
import { loadHousePrices } from "../../lesson/data/house-prices";
import { jobFromArgv } from "./job";
import { tfjsInfo, trainWithTfjs } from "./tfjs-contender";

async function main(): Promise<void> {
  const job = jobFromArgv(process.argv);
  const epochs = await trainWithTfjs(job, loadHousePrices(job.csv));
  process.stdout.write(`${JSON.stringify({ epochs, tfjs: tfjsInfo() })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`tfjs-worker: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
