import type { MetricRecord } from "./types";

/**
 * Parse metrics.jsonl text. A line that is not a complete JSON object of numbers (typically the
 * last line of a run killed mid-write) is skipped and reported; it never hides the other lines.
 */
export function parseMetricLines(text: string, fileLabel: string): { records: MetricRecord[]; warnings: string[] } {
  const records: MetricRecord[] = [];
  const warnings: string[] = [];
  const lines = text.split("\n");
  const endsCleanly = text.length === 0 || text.endsWith("\n");
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const isLast = index === lines.length - 1 && !endsCleanly;
    const record = parseRecord(line);
    if (record) {
      records.push(record);
    } else {
      warnings.push(`${fileLabel}:${index + 1}: skipped ${isLast ? "a truncated last line" : "a line that is not a JSON object of numbers"}: ${clip(line)}`);
    }
  });
  return { records, warnings };
}

function parseRecord(line: string): MetricRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  for (const v of Object.values(value)) if (typeof v !== "number") return null;
  return value as MetricRecord;
}

function clip(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}...` : line);
}
