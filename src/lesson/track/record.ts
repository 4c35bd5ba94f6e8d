/**
 * Checks on what the training loop logs. Values must be finite numbers: a NaN or a string in the
 * metrics file would only surface later as a broken chart, so log() refuses it on the spot, naming
 * the run, the metric and the value. Names starting with "_" are reserved for the tracker's own
 * fields (`_step`, `_timestamp`).
 */

/** Throw unless `name` is usable as a metric name. */
export function checkMetricName(where: string, name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.startsWith("_")) {
    throw new Error(`${where}: metric name must be a non-empty string not starting with "_" (got ${JSON.stringify(name)})`);
  }
  return name;
}

/**
 * Throw unless `record` is an object of finite numbers with valid metric names. Runs once per
 * batch: the error text (naming `run`) is only built when something is wrong.
 */
export function checkRecord(run: string, record: unknown): Record<string, number> {
  const fail = (message: string) => new TypeError(`${run} log: ${message}`);
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    throw fail(`log() takes an object of metric values, got ${describe(record)}`);
  }
  let count = 0;
  for (const name in record) {
    const value = (record as Record<string, unknown>)[name];
    if (name.length === 0 || name.charCodeAt(0) === 95 /* "_" */) checkMetricName(`${run} log`, name);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw fail(`metric "${name}" must be a finite number, got ${describe(value)}`);
    }
    count++;
  }
  if (count === 0) throw fail("log() got an empty record");
  return record as Record<string, number>;
}

function describe(value: unknown): string {
  if (typeof value === "number") return String(value); // NaN, Infinity
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
