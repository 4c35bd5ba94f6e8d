import type { MetricRecord } from "./types";

/**
 * Parse metrics.jsonl text. A line that is not a complete JSON object of numbers (typically the
 * last line of a run killed mid-write) is skipped and reported through `problem`; it never hides
 * the other lines. With `keep` false only the final values are gathered (listing a run needs no
 * history), so a million-line file costs no million-element array.
 */
export function parseMetricLines(
  text: string, fileLabel: string, problem: (message: string) => void, keep = true,
): { records: MetricRecord[]; count: number; final: Record<string, number> } {
  const records: MetricRecord[] = [];
  const final: Record<string, number> = {};
  let count = 0;
  let lineNumber = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    const truncated = end < 0;
    if (truncated) end = text.length;
    lineNumber += 1;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === "") continue;
    const record = parseRecord(line);
    if (record) {
      count += 1;
      if (keep) records.push(record);
      Object.assign(final, record);
    } else {
      problem(`${fileLabel}:${lineNumber}: skipped ${truncated ? "a truncated last line" : "a line that is not a JSON object of numbers"}: ${clip(line)}`);
    }
  }
  delete final._step;
  delete final._timestamp;
  return { records, count, final };
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
  return value as MetricRecord;
}

function clip(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}...` : line);
}
