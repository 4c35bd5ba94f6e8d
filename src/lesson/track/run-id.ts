import { randomBytes } from "node:crypto";

/**
 * A new run id: the start time (so ids sort in creation order) and 6 random hex digits.
 * Uniqueness is enforced where the folder is created (mkdir fails on an existing id).
 */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15); // 20240131-235959
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
