import { test } from "node:test";
import assert from "node:assert/strict";
import type { BenchReport, RowResult } from "./report";
import { formatLossDiff, markdownTable, TABLE_HEADER, tableNotes, tableRow } from "./table";

const row = (over: Partial<RowResult> = {}): RowResult => ({
  run: "sgd_bs4", contender: "numpy", optimizer: "sgd", batchSize: 4, epochs: 100, widths: [7, 25, 10, 1],
  trainRows: 505, validRows: 108, medianSeconds: 0.6401, minSeconds: 0.63, maxSeconds: 0.7123,
  repetitionSeconds: [0.63, 0.6401, 0.7123], warmupRepetitionSeconds: 0.9, samplesPerSecond: 78893.9,
  timeVsSrc: 4.5678, gflops: 0.19297, warmupSeconds: 0.0123, firstEpochSeconds: 0.02, steadyEpochSeconds: 0.0063,
  finalTrainLoss: 7.749629178874349, finalValidLoss: 6.48505, lossDiffVsSrc: 6.7e-16, tolerance: 1e-9,
  ...over,
});

test("tableRow: one string per header column, rounded for reading", () => {
  const cells = tableRow(row());
  assert.equal(cells.length, TABLE_HEADER.length);
  assert.deepEqual(cells, [
    "sgd_bs4", "numpy", "0.640", "0.630-0.712", "78,894", "4.57x", "0.193", "0.012", "7.749629", "6.485050", "6.7e-16",
  ]);
});

test("tableRow without src in the run shows no ratio", () => {
  const cells = tableRow(row({ timeVsSrc: null, lossDiffVsSrc: null }));
  assert.equal(cells[TABLE_HEADER.indexOf("vs src")], "-");
  assert.equal(cells[TABLE_HEADER.indexOf("loss diff")], "-");
});

test("formatLossDiff: '-' for src, '0' when identical, '!' beyond tolerance", () => {
  assert.equal(formatLossDiff({ contender: "src", lossDiffVsSrc: 0, tolerance: 0 }), "-");
  assert.equal(formatLossDiff({ contender: "numpy", lossDiffVsSrc: 0, tolerance: 1e-9 }), "0");
  assert.equal(formatLossDiff({ contender: "tfjs", lossDiffVsSrc: 2.5e-4, tolerance: 1e-3 }), "2.5e-4");
  assert.equal(formatLossDiff({ contender: "numpy", lossDiffVsSrc: 3e-6, tolerance: 1e-9 }), "3.0e-6 !");
});

test("markdownTable: a header, a separator and one line per row", () => {
  assert.equal(markdownTable(["a", "b"], [["1", "2"], ["3", "4"]]), "| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |");
});

test("tableNotes: settings, the scaling comparison and the notices", () => {
  const report: BenchReport = {
    generatedAt: "2024-01-01T00:00:00.000Z",
    source: null,
    machine: { cpu: "cpu", cores: 2, os: "Linux", node: "v20", python: null, numpy: null, torch: null, tfjs: "3.21.0", loadAverage: { start: 0, end: 0 } },
    settings: { repeats: 5, warmupRepetitions: 1, epochs: 100, scalingEpochs: 10, contenders: ["src", "tfjs"] },
    contenders: {},
    notices: ["numpy skipped: cannot run python3"],
    rows: [row()],
    scaling: { comparedWith: "sgd_bs32", widths: [7, 256, 128, 1], tile: 10, results: [{ contender: "src", workRatio: 842.4, timeRatio: 112.66, baseGflops: 0.3321, scaledGflops: 2.48 }] },
    stepCosts: [{ contender: "src", batchSizes: [4, 32], fixedMicroseconds: 1.46, perRowMicroseconds: 0.456 }],
    disagreements: [],
  };
  const notes = tableNotes(report);
  assert.match(notes[0]!, /median of 5 timed repetition\(s\) after 1 warm-up.*100 epochs \(10 for the scaling run\)/);
  assert.ok(notes.includes("scaling (7 -> 256 -> 128 -> 1, training rows x10) vs sgd_bs32, per epoch: src does 842x the work in 112.7x the time (0.332 -> 2.480 GFLOP/s)"));
  assert.ok(notes.includes("per step, steady epochs (sgd at batch size 4 vs 32): src 1.5 us fixed + 0.46 us per row"));
  assert.equal(notes.at(-1), "numpy skipped: cannot run python3");
});
