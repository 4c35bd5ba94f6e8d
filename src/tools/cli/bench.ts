#!/usr/bin/env node
/**
 * Benchmark the lesson's training runs: the src engine against a numpy port of the lesson's
 * Python code, TensorFlow.js on its CPU backend and PyTorch on the CPU, all on this machine in one run.
 *   npm run bench -- [--repeats 5] [--epochs 100] [--only src,numpy,tfjs,torch] [--skip-scaling] [--out FILE]
 * Prints the table on stdout, progress on stderr, and writes the results as JSON.
 * Exit codes: 0 done, 1 a contender failed or computed different losses, 2 bad command line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CONTENDER_NAMES, type ContenderName } from "../bench/contenders";
import { runBenchmark } from "../bench/run-benchmark";
import { TABLE_HEADER, tableNotes, tableRow } from "../bench/table";
import { repoRoot } from "../../lesson/paths";
import { atLeastOne, flagHelp, type FlagSpec, parseFlags } from "./flags";
import { textTable } from "./table";
import { readCommandLine } from "./command-line";
import { UsageError } from "./usage-error";
import { writeFileAtomic } from "../../lesson/track/atomic";

const DEFAULT_OUT = path.join(repoRoot, "bench-results", "latest.json");

const FLAGS: Record<string, FlagSpec> = {
  repeats: { kind: "number", integer: true, check: atLeastOne, help: "timed repetitions per contender and run, after one warm-up (default 5)" },
  epochs: { kind: "number", integer: true, check: atLeastOne, help: "epochs of each lesson run; the scaling run does a tenth (default 100)" },
  only: { kind: "string", help: `comma-separated contenders to run, of ${CONTENDER_NAMES.join(",")} (default all)` },
  "skip-scaling": { kind: "switch", help: "leave out the scaling run (7 -> 256 -> 128 -> 1, training rows x10)" },
  out: { kind: "string", help: "where to write the JSON results (default bench-results/latest.json)" },
  help: { kind: "switch", help: "show this help" },
};

const USAGE = `usage: npm run bench -- [flags]\n\n${flagHelp(FLAGS)}`;

export interface BenchArgs {
  repeats: number;
  epochs: number;
  contenders: ContenderName[];
  scaling: boolean;
  out: string;
  help: boolean;
}

export function benchArgs(argv: readonly string[]): BenchArgs {
  const f = parseFlags(argv, FLAGS);
  return {
    repeats: (f.repeats as number | undefined) ?? 5,
    epochs: (f.epochs as number | undefined) ?? 100,
    contenders: f.only === undefined ? [...CONTENDER_NAMES] : contenderList(f.only as string),
    scaling: f["skip-scaling"] !== true,
    out: f.out === undefined ? DEFAULT_OUT : path.resolve(f.out as string),
    help: f.help === true,
  };
}

function contenderList(raw: string): ContenderName[] {
  const names = raw.split(",").map((s) => s.trim());
  for (const name of names) {
    if (!(CONTENDER_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`--only takes a comma-separated list of ${CONTENDER_NAMES.join(", ")}, got "${name}"`);
    }
  }
  if (new Set(names).size !== names.length) throw new UsageError(`--only names a contender twice: "${raw}"`);
  // Keep the table's order (src first) whatever order the flag lists them in.
  return CONTENDER_NAMES.filter((c) => names.includes(c));
}

function main(argv: readonly string[]): number {
  const args = readCommandLine("bench", argv, benchArgs, USAGE);
  if (typeof args === "number") return args;
  let report;
  try {
    report = runBenchmark({ ...args, onProgress: (line) => process.stderr.write(`bench: ${line}\n`) });
  } catch (err) {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileAtomic(args.out, `${JSON.stringify(report, null, 2)}\n`); // never half a results file
  const m = report.machine;
  process.stdout.write(`${textTable(TABLE_HEADER, report.rows.map(tableRow))}\n\n`);
  process.stdout.write(tableNotes(report).map((l) => `${l}\n`).join(""));
  process.stdout.write(`machine: ${m.cpu}, ${m.cores} cores; node ${m.node}, python ${m.python ?? "-"}, numpy ${m.numpy ?? "-"}, torch ${m.torch ?? "-"}, tfjs ${m.tfjs}\n`);
  if (report.source) {
    process.stdout.write(`engine: commit ${report.source.commit.slice(0, 10)}${report.source.srcModified ? " with uncommitted changes in src/" : ""}\n`);
  }
  const shown = path.relative(process.cwd(), args.out);
  process.stdout.write(`results: ${shown.startsWith("..") || path.isAbsolute(shown) ? args.out : shown}\n`);
  for (const problem of report.disagreements) process.stderr.write(`bench: ${problem}\n`);
  return report.disagreements.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
