import * as fs from "node:fs";
import * as path from "node:path";
import { jsonCap } from "./confined";
import type { RunSummary } from "./types";

/**
 * Room for a run's summary, taken on disk before it is needed. The summary is written over this
 * file and then renamed onto summary.json: renaming is atomic, and rewriting bytes a file already
 * holds takes no new disk blocks, so a full disk can still mark a run failed. The reserve grows
 * with the summary's bound: a fixed part, a reason of at most `reasonBytes` bytes, and one
 * line per metric name seen (its quoted name and the longest number JSON prints).
 */
export class SummaryReserve {
  private readonly file: string;
  private reserved = 0;
  private needed = fixedBytes;

  /** `summary` is where the summary goes; the reserve sits beside it. */
  constructor(private readonly summary: string) {
    this.file = reserveFileOf(summary);
    fs.writeFileSync(this.file, "", { flag: "wx" });
    this.grow(initialBytes);
  }

  /**
   * Before `record` is written: grow the reserve for the names it adds to `final`. Throws a
   * RangeError (nothing grown) when the summary would exceed what a reader accepts, or the write
   * error when the disk has no room.
   */
  makeRoomFor(record: Record<string, number>, final: Record<string, number>): void {
    let needed = this.needed;
    for (const name in record) if (!(name in final)) needed += lineBytes(name);
    if (needed === this.needed) return;
    if (needed > jsonCap) throw new RangeError(`the summary would need ${Math.ceil(needed / 1024)} KiB for its metric names, over the ${jsonCap / 1024} KiB a summary may hold`);
    if (needed > this.reserved) this.grow(Math.min(jsonCap, Math.max(needed, 2 * this.reserved)));
    this.needed = needed;
  }

  /** Write `text` (within the bound) into the reserved bytes, then rename it onto the summary. */
  writeOver(text: string): void {
    const bytes = Buffer.from(text);
    const fd = fs.openSync(this.file, "r+");
    try {
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written, written);
      fs.ftruncateSync(fd, bytes.length);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(this.file, this.summary);
  }

  private grow(size: number): void {
    const fd = fs.openSync(this.file, "r+");
    try {
      const more = Buffer.alloc(size - this.reserved, 0x20);
      let written = 0;
      while (written < more.length) written += fs.writeSync(fd, more, written, more.length - written, this.reserved + written);
    } catch (error) {
      fs.ftruncateSync(fd, this.reserved);
      throw error;
    } finally {
      fs.closeSync(fd);
    }
    this.reserved = size;
  }
}

/** The reserve file kept beside `summary` until the summary is written. */
export function reserveFileOf(summary: string): string {
  return path.join(path.dirname(summary), `.${path.basename(summary)}.reserve`);
}

/** A summary as it is stored. */
export function summaryText(summary: RunSummary): string {
  return JSON.stringify(summary, null, 2) + "\n";
}

/** A failure reason takes at most this many bytes in the summary; a longer one is cut and says so. */
export const reasonBytes = 2048;

export function boundReason(reason: string): string {
  const stored = (text: string) => Buffer.byteLength(JSON.stringify(text));
  if (stored(reason) <= reasonBytes) return reason;
  const cut = (keep: number) => `${reason.slice(0, keep)}... (${(reason.length - keep).toLocaleString("en-US")} more characters cut)`;
  let low = 0;
  let high = reason.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (stored(cut(middle)) <= reasonBytes) low = middle;
    else high = middle - 1;
  }
  return cut(low);
}

/** The longest finite number JSON prints, e.g. -2.2250738585072014e-308. */
const numberChars = 24;
/** State, dates, counts and the JSON around them, and the longest reason. */
const fixedBytes = 512 + reasonBytes;
const initialBytes = fixedBytes + 2048;

/** A metric's line in the indented summary: `    "name": number,\n`. */
function lineBytes(name: string): number {
  return 4 + Buffer.byteLength(JSON.stringify(name)) + 2 + numberChars + 2;
}
