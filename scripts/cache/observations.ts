/**
 * What a TypeScript compile looked at, and whether the world still looks the same.
 *
 * tslab's compiler sees the disk only through `ts.sys` (its own wrapper forwards every call
 * there). Wrapping those calls records each answer: a file's contents (as a hash), whether a file
 * or folder exists, what a path resolves to, which folders a folder holds. A compile is a pure
 * function of its inputs and these answers, so its result can be reused while every answer is
 * unchanged.
 */
import fs from "node:fs";
import { hashOf } from "./files";

/** The `ts.sys` calls recorded; the answers of all others do not reach the compile's result. */
export interface FileSystemHost {
  readFile(path: string, encoding?: string): string | undefined;
  fileExists(path: string): boolean;
  directoryExists(path: string): boolean;
  realpath?(path: string): string;
  getDirectories(path: string): string[];
}

/**
 * One recorded answer: [kind, path, answer]. For "read" the answer is the content hash (or null
 * when unreadable) plus the size and mtime seen, which let a check skip re-reading an unchanged
 * file.
 */
export type Observation =
  | ["read", string, string | null, number, number]
  | ["file", string, boolean]
  | ["dir", string, boolean]
  | ["realpath", string, string]
  | ["subdirs", string, string[]];


/** stat without an exception for a missing path: most of the compiler's questions are misses. */
const stat = (path: string): fs.Stats | undefined => {
  try {
    return fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // e.g. a file used as a folder (ENOTDIR)
  }
};

function statOf(path: string): { size: number; mtimeMs: number } {
  const s = stat(path);
  return s ? { size: s.size, mtimeMs: s.mtimeMs } : { size: -1, mtimeMs: -1 };
}

/**
 * Records every answer `host` gives from now on. When a question is asked again and the answer
 * changed (TypeScript re-reads a file it was told had changed), the latest answer is kept: it is
 * what later compiles used.
 */
export class ObservationLog {
  private readonly seen = new Map<string, Observation>();
  /** Grows whenever a new question is answered: a cheap "did anything change?" for callers. */
  version = 0;

  /** Replaces `host`'s methods with recording ones; returns a function that puts them back. */
  attach(host: FileSystemHost): () => void {
    const original = { ...host, readFile: host.readFile, fileExists: host.fileExists, directoryExists: host.directoryExists, realpath: host.realpath, getDirectories: host.getDirectories };
    host.readFile = (path, encoding) => {
      const text = original.readFile.call(host, path, encoding);
      const { size, mtimeMs } = statOf(path);
      this.add(["read", path, text === undefined ? null : hashOf(text), size, mtimeMs]);
      return text;
    };
    host.fileExists = (path) => this.answer(["file", path, original.fileExists.call(host, path)]);
    host.directoryExists = (path) => this.answer(["dir", path, original.directoryExists.call(host, path)]);
    if (original.realpath) {
      const realpath = original.realpath;
      host.realpath = (path) => this.answer(["realpath", path, realpath.call(host, path)]);
    }
    host.getDirectories = (path) => {
      const dirs = original.getDirectories.call(host, path);
      this.add(["subdirs", path, [...dirs].sort()]);
      return dirs;
    };
    return () => Object.assign(host, original);
  }

  private answer<T extends Observation>(o: T): T[2] {
    this.add(o);
    return o[2];
  }

  private add(o: Observation): void {
    const key = `${o[0]}\0${o[1]}`;
    const before = this.seen.get(key);
    if (before && sameAnswer(before, o)) return;
    this.seen.set(key, o);
    this.version++;
  }

  /** Everything recorded so far, in a stable order. */
  snapshot(): Observation[] {
    return [...this.seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
  }
}

function sameAnswer(a: Observation, b: Observation): boolean {
  return JSON.stringify(a[2]) === JSON.stringify(b[2]); // for reads: the content hash, not the mtime
}

/** Whether `o`'s question gets the same answer now, asked of the real file system. */
export function stillHolds(o: Observation): boolean {
  switch (o[0]) {
    case "read": {
      const [, path, hash, size, mtimeMs] = o;
      const now = statOf(path);
      if (hash === null) return now.size < 0;
      if (now.size === size && now.mtimeMs === mtimeMs) return true; // untouched since it was read
      try {
        const text = fs.readFileSync(path, "utf8");
        // touched: compare contents (as TypeScript reads them, without a byte-order mark)
        return hashOf(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) === hash;
      } catch {
        return false;
      }
    }
    case "file":
      return isFile(o[1]) === o[2];
    case "dir":
      return isDirectory(o[1]) === o[2];
    case "realpath":
      return realpathOf(o[1]) === o[2];
    case "subdirs":
      return JSON.stringify(subdirectories(o[1])) === JSON.stringify(o[2]);
  }
}

const isFile = (path: string): boolean => stat(path)?.isFile() ?? false;
const isDirectory = (path: string): boolean => stat(path)?.isDirectory() ?? false;

function realpathOf(path: string): string {
  try {
    return fs.realpathSync(path);
  } catch {
    return path; // as ts.sys.realpath answers for a path that does not resolve
  }
}

function subdirectories(path: string): string[] {
  try {
    return fs
      .readdirSync(path, { withFileTypes: true })
      .filter((e) => e.isDirectory() || (e.isSymbolicLink() && isDirectory(`${path}/${e.name}`)))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}
