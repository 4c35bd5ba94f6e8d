import * as path from "node:path";
import { repoRoot } from "../paths";

/** File names inside a run folder (see types.ts). */
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
