import type { MetricRecord } from "./types";
import { nullProto } from "./stored-values";

/**
 * Parse metrics.jsonl text. A line that is not a complete JSON object of numbers (typically the
 * last line of a run killed mid-write) is skipped and reported through `problem`; it never hides
 * the other lines. With `keep` false only the final values are gathered (listing a run needs no
 * history), so a million-line file costs no million-element array.
 */
export function parseMetricLines(
  text: string, fileLabel: string, problem: (message: string) => void, keep = true,
): ParsedMetrics {
  const lines = new MetricLines(text, fileLabel, problem, keep);
  lines.step(Infinity);
  return lines.result();
}

/** The same parse, handing the event loop back between slices: a server keeps answering meanwhile. */
export async function parseMetricLinesAsync(
  text: string, fileLabel: string, problem: (message: string) => void, keep = true,
): Promise<ParsedMetrics> {
  const lines = new MetricLines(text, fileLabel, problem, keep);
  while (lines.step(linesPerSlice)) await new Promise((resolve) => setImmediate(resolve));
  return lines.result();
}

export interface ParsedMetrics {
  records: MetricRecord[];
  count: number;
  final: Record<string, number>;
}

/** About 10 ms of parsing per slice. */
const linesPerSlice = 20_000;

/** A parse that can stop after some lines and go on later: one set of rules for both entry points. */
class MetricLines {
  private readonly records: MetricRecord[] = [];
  private readonly final: Record<string, number> = Object.create(null);
  private count = 0;
  private lineNumber = 0;
  private start = 0;

  constructor(private readonly text: string, private readonly fileLabel: string, private readonly problem: (message: string) => void, private readonly keep: boolean) {}

  /** Parse up to `max` more lines; true while text remains. */
  step(max: number): boolean {
    const text = this.text;
    for (let n = 0; n < max && this.start < text.length; n++) {
      let end = text.indexOf("\n", this.start);
      const truncated = end < 0;
      if (truncated) end = text.length;
      this.lineNumber += 1;
      const line = text.slice(this.start, end);
      this.start = end + 1;
      if (line.trim() === "") continue;
      const record = parseRecord(line);
      if (record) {
        this.count += 1;
        if (this.keep) this.records.push(record);
        Object.assign(this.final, record);
      } else {
        this.problem(`${this.fileLabel}:${this.lineNumber}: skipped ${truncated ? "a truncated last line" : "a line that is not a JSON object of numbers"}: ${clip(line)}`);
      }
    }
    return this.start < text.length;
  }

  result(): ParsedMetrics {
    const final = nullProto(this.final);
    delete final._step;
    delete final._timestamp;
    return { records: this.records, count: this.count, final };
  }
}

function parseRecord(line: string): MetricRecord | null {
  if (!line.trimStart().startsWith("{")) return null; // cheaper than a thrown SyntaxError, for files full of garbage
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] !== "number") return null;
  return Object.setPrototypeOf(value, null) as MetricRecord; // "constructor" is a metric like any other
}

function clip(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}...` : line);
}
