import type { BenchReport, RowResult } from "./report";

export const TABLE_HEADER = [
  "run", "contender", "median s", "min-max s", "samples/s", "vs src", "GFLOP/s", "warm-up s", "train loss", "valid loss", "loss diff",
] as const;

const groupThousands = (v: number) => Math.round(v).toLocaleString("en-US");

/** The relative loss difference from src: "-" for src itself, "0" when identical, "!" when beyond tolerance. */
export function formatLossDiff(row: Pick<RowResult, "lossDiffVsSrc" | "tolerance" | "contender">): string {
  if (row.contender === "src" || row.lossDiffVsSrc === null) return "-";
  const text = row.lossDiffVsSrc === 0 ? "0" : row.lossDiffVsSrc.toExponential(1);
  return row.lossDiffVsSrc <= row.tolerance ? text : `${text} !`;
}

/** One table row per contender and run, every cell a string. */
export function tableRow(row: RowResult): string[] {
  return [
    row.run,
    row.contender,
    row.medianSeconds.toFixed(3),
    `${row.minSeconds.toFixed(3)}-${row.maxSeconds.toFixed(3)}`,
    groupThousands(row.samplesPerSecond),
    row.timeVsSrc === null ? "-" : `${row.timeVsSrc.toFixed(2)}x`,
    row.gflops.toFixed(3),
    row.warmupSeconds.toFixed(3),
    row.finalTrainLoss.toFixed(6),
    row.finalValidLoss.toFixed(6),
    formatLossDiff(row),
  ];
}

/** What the columns mean, then the scaling comparison and any notices: printed under the table. */
export function tableNotes(report: BenchReport): string[] {
  const s = report.settings;
  const lines = [
    `median of ${s.repeats} timed repetition(s) after 1 warm-up, each a fresh process; time = sum of the epochs' runtimes (training + validation pass), ${s.epochs} epochs` +
      (s.scalingEpochs === null ? "" : ` (${s.scalingEpochs} for the scaling run)`),
    "vs src: the contender's median time / src's (above 1: src is faster); GFLOP/s: matrix-product FLOPs / median time",
    "warm-up s: time above the steady epoch pace (total - epochs x median epoch); loss diff: relative difference of the final losses from src's (! beyond tolerance: numpy and torch 1e-9, tfjs 1e-3)",
  ];
  if (report.scaling) {
    const widths = report.scaling.widths.join(" -> ");
    for (const r of report.scaling.results) {
      lines.push(
        `scaling (${widths}, training rows x${report.scaling.tile}) vs ${report.scaling.comparedWith}, per epoch: ${r.contender} does ${r.workRatio.toFixed(0)}x the work in ${r.timeRatio.toFixed(1)}x the time (${r.baseGflops.toFixed(3)} -> ${r.scaledGflops.toFixed(3)} GFLOP/s)`,
      );
    }
  }
  for (const c of report.stepCosts) {
    lines.push(
      `per step, steady epochs (sgd at batch size ${c.batchSizes.join(" vs ")}): ${c.contender} ${c.fixedMicroseconds.toFixed(1)} us fixed + ${c.perRowMicroseconds.toFixed(2)} us per row`,
    );
  }
  return [...lines, ...report.notices];
}

/** A GitHub markdown table of the same cells, for the README. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
