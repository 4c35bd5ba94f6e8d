/**
 * The folder where the lesson runner keeps what it can reuse between runs (compiled cells,
 * figure PNGs), and the file operations they share: atomic writes, so that runs writing at once
 * or a run killed mid-write never leave a half-written file, and reads for which an unreadable
 * file is simply absent. Losing the folder only costs time: `rm -rf node_modules/.cache/optim-lesson`.
 *
 *   LESSON_CACHE=off      no cache: every cell compiled, every figure drawn
 *   LESSON_CACHE_DIR=DIR  where it lives (default: node_modules/.cache/optim-lesson, as other tools')
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../../src/lesson/track/atomic";

/** This file compiles to dist/scripts/cache/files.js, three levels below the checkout. */
export const defaultCacheRoot = path.join(__dirname, "..", "..", "..", "node_modules", ".cache", "optim-lesson");

/** The cache folder, or null when caching is off. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.LESSON_CACHE === "off") return null;
  return env.LESSON_CACHE_DIR || defaultCacheRoot;
}

export const hashOf = (value: unknown): string => crypto.createHash("sha256").update(typeof value === "string" ? value : JSON.stringify(value)).digest("hex");

/** `dir/ab/abcdef….ext`: two-character subfolders keep folders small. */
export function shardedPath(dir: string, name: string, ext: string): string {
  return path.join(dir, name.slice(0, 2), `${name}.${ext}`);
}

/** `writeFileAtomic`, creating the folder; never throws: a cache that cannot be written only costs speed. */
export function writeAtomically(file: string, data: string | Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, data);
  } catch {
    // read-only or full disk
  }
}

/** Opened without following a symlink and without blocking: a FIFO in the cache must not hang a run. */
const readFlags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/**
 * The file's bytes, or null when it cannot be read or is not a regular file. A read marks the
 * file as recently used.
 */
export function readAndTouch(file: string): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(file, readFlags);
  } catch {
    return null;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return null;
    const data = fs.readFileSync(fd);
    const now = new Date();
    fs.futimesSync(fd, now, now);
    return data;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Deletes files under `dir` not used for `maxAgeDays` days; returns how many. */
export function pruneOlderThan(dir: string, maxAgeDays: number, now = Date.now()): number {
  let removed = 0;
  for (const sub of list(dir)) {
    for (const name of list(path.join(dir, sub))) {
      const file = path.join(dir, sub, name);
      try {
        if (now - fs.statSync(file).mtimeMs > maxAgeDays * 86_400_000) {
          fs.rmSync(file, { force: true });
          removed++;
        }
      } catch {
        // removed meanwhile by another run
      }
    }
  }
  return removed;
}

function list(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
