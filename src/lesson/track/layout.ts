import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { repoRoot } from "../paths";

/**
 * Where runs live and how their folders are named: runs/<project>/<run id>/, with the file names
 * inside a run folder (what they hold is in types.ts).
 */
export const metaFile = "run.json";
export const metricsFile = "metrics.jsonl";
export const summaryFile = "summary.json";

/** Where runs go unless told otherwise: $RUNS_DIR, else `<repoRoot>/runs`. */
export function defaultRunsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNS_DIR ? path.resolve(env.RUNS_DIR) : path.join(repoRoot, "runs");
}

/** `dir` resolved, or the default runs root when it is not given. */
export function runsRoot(dir?: string): string {
  return dir === undefined ? defaultRunsDir() : path.resolve(dir);
}

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

/**
 * A new run id: the start time (so ids sort in creation order) and 6 random hex digits.
 * Uniqueness is enforced where the folder is created (mkdir fails on an existing id).
 */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15); // 20240131-235959
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
