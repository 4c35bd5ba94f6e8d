/**
 * Training progress that redraws one line instead of printing a line per batch.
 *
 * In tslab the line is a named display output, replaced with `update_display_data`: the live
 * notebook shows it changing, and nbconvert stores only the final state (one small output).
 * Elsewhere it rewrites a terminal line with `\r`.
 */
import { randomBytes } from "node:crypto";
import type { Progress } from "../train/hooks";
import { displayOutput, inTslab } from "./tslab-output";

/** `epoch 37/100 [#######.............] loss 9.41` */
export function formatProgress(p: Progress, barWidth = 20): string {
  const fraction = p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 1;
  const filled = Math.round(fraction * barWidth);
  const bar = "#".repeat(filled) + ".".repeat(barWidth - filled);
  const loss = Number.isFinite(p.runningLoss) ? String(Number(p.runningLoss.toPrecision(4))) : String(p.runningLoss);
  return `epoch ${p.epoch + 1}/${p.epochs} [${bar}] loss ${loss}`;
}

export interface NotebookProgressOptions {
  /** Minimum milliseconds between redraws; the last step is always drawn. */
  intervalMs?: number;
  /** Clock in milliseconds (tests pass their own). */
  now?: () => number;
  /** Where the line goes outside tslab. */
  stream?: NodeJS.WritableStream;
}

/** A progress callback for the training loop, throttled, that ends showing the final state. */
export function notebookProgress(options: NotebookProgressOptions = {}): (p: Progress) => void {
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  const stream = options.stream ?? process.stdout;
  const displayId = `progress-${randomBytes(6).toString("hex")}`;
  let shown = false;
  let lastDrawn = -Infinity;
  return (p: Progress) => {
    const last = p.step >= p.totalSteps;
    const t = now();
    if (!last && t - lastDrawn < intervalMs) return;
    lastDrawn = t;
    const line = formatProgress(p);
    if (inTslab()) {
      displayOutput({ "text/plain": line }, { displayId, update: shown });
    } else {
      stream.write(`\r${line}${last ? "\n" : ""}`);
    }
    shown = true;
  };
}
