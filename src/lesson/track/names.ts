/**
 * Project names and run ids become folder names, and the dashboard takes them from URLs:
 * one strict pattern keeps both safe (no "..", no slashes, no absolute paths).
 */
const segmentPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** True when `value` can be used as one folder name under the runs root. */
export function isSafeSegment(value: string): boolean {
  return segmentPattern.test(value) && !value.includes("..");
}

/** Throw a clear error unless `value` is a valid project name or run id. */
export function checkSegment(what: string, value: unknown): string {
  if (typeof value !== "string" || !isSafeSegment(value)) {
    throw new Error(
      `${what} must be 1-128 characters of letters, digits, ".", "_" or "-", starting with a letter or digit (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}
