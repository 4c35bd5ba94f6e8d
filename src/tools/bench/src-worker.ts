#!/usr/bin/env node
/**
 * One benchmark repetition of the src engine, in a fresh node process (started by the bench
 * CLI): `node dist/src/tools/bench/src-worker.js JOB_JSON`. Prints {"epochs": [...]} on stdout.
 * The lesson's network goes through runConfig, exactly as `npm run train` does; other widths
 * go through the same train() with their own layers.
 */
import { loadHousePrices } from "../../lesson/data/house-prices";
import { makeOptimizer, runConfig } from "../../lesson/train/config";
import { fromSnakeCase } from "../../lesson/train/snake-case";
import { useEngine } from "../../engine";
import { train } from "../../lesson/train/train";
import { jobFromArgv, type JobOutput } from "./job";
import { denseLayers } from "./network";
import { LESSON_WIDTHS } from "./runs";
import { tileRows } from "./tile";

function main(): void {
  useEngine();
  const job = jobFromArgv(process.argv);
  const config = fromSnakeCase(job.config);
  const data = loadHousePrices(job.csv);
  let output: JobOutput;
  if (job.tile === 1 && job.widths.join() === LESSON_WIDTHS.join()) {
    output = { epochs: runConfig(config, { data }).epochs };
  } else {
    const trainSplit = { x: tileRows(data.train.x, job.tile), y: tileRows(data.train.y, job.tile) };
    output = train({
      layers: denseLayers(job.widths),
      optimizer: makeOptimizer(config, trainSplit.x.rows),
      train: trainSplit,
      valid: data.valid,
      batchSize: config.batchSize,
      epochs: config.epochs,
    });
  }
  process.stdout.write(`${JSON.stringify({ epochs: output.epochs })}\n`);
}

main();
