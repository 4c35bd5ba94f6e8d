import { formatProgress } from "../../lesson/notebook/progress";
import type { Progress } from "../../lesson/train/hooks";

/**
 * A one-line progress bar for a terminal, redrawn in place with a carriage return at most
 * every `intervalMs`. On a stream that is not a terminal it prints a plain line every 10% instead,
 * so logs stay readable.
 */
export function terminalProgress(stream: NodeJS.WriteStream, intervalMs = 100): (p: Progress) => void {
  let last = 0;
  let lastDecile = -1;
  return (p) => {
    const done = p.step === p.totalSteps;
    if (!stream.isTTY) {
      const decile = Math.floor((10 * p.step) / p.totalSteps);
      if (decile !== lastDecile && (p.batch === p.batches || done)) {
        lastDecile = decile;
        stream.write(`${formatProgress(p, 30)}\n`);
      }
      return;
    }
    const now = Date.now();
    if (!done && now - last < intervalMs) return;
    last = now;
    stream.write(`\r${formatProgress(p, 30)}${done ? "\n" : ""}`);
  };
}
