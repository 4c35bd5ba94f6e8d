import { spawnSync } from "node:child_process";
import { repoRoot } from "../../lesson/paths";

/** Which engine was measured: the commit, and whether src/ had uncommitted changes (null outside git). */
export function sourceState(): { commit: string; srcModified: boolean } | null {
  const git = (...args: string[]) => spawnSync("git", ["-C", repoRoot, ...args], { encoding: "utf8" });
  const head = git("rev-parse", "HEAD");
  if (head.status !== 0) return null;
  return { commit: head.stdout.trim(), srcModified: git("status", "--porcelain", "--", "src").stdout.trim() !== "" };
}
