import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The compiled library modules whose arithmetic the engine reproduces in wasm: the matrix,
 * Dense, the network, the loss, the batch-mean rule, the training loop's batch step and the
 * optimizers it fuses. Paths are relative to src/lesson (and to dist/src/lesson once built).
 */
export const MIRRORED_MODULES = [
  "math/matrix",
  "nn/dense",
  "nn/network",
  "nn/loss",
  "train/parameters",
  "train/train",
  "optim/optimizer",
  "optim/sgd",
  "optim/momentum",
  "optim/adam",
  "optim/adamw",
] as const;

export type SourceFingerprint = Record<string, string>;

const lessonDir = path.resolve(__dirname, "..", "lesson");

/** A short hash of each mirrored module's compiled JavaScript, as this process loads it. */
export function mirroredSourceFingerprint(): SourceFingerprint {
  const fingerprint: SourceFingerprint = {};
  for (const name of MIRRORED_MODULES) {
    const compiled = readFileSync(path.join(lessonDir, `${name}.js`), "utf8");
    fingerprint[name] = createHash("sha256").update(compiled).digest("hex").slice(0, 16);
  }
  return fingerprint;
}

/** The mirrored modules whose fingerprint differs from `verified` (empty when all match). */
export function changedModules(current: SourceFingerprint, verified: Readonly<SourceFingerprint>): string[] {
  const names = new Set([...Object.keys(current), ...Object.keys(verified)]);
  return [...names].filter((name) => current[name] !== verified[name]);
}
