import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../src/lesson/paths";

/** Run the compiled train CLI (what `npm run --silent train --` runs) and capture everything. */
export function runTrainCli(args: readonly string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "dist", "src", "tools", "cli", "train.js"), ...args], {
    encoding: "utf8",
    cwd: repoRoot,
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
