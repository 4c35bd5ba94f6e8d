import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Reading inside the runs folder only, whatever is planted there. A run folder is used only if
 * its real path is the path we asked for (no symlinked project or run), files are opened without
 * following a symlink and without blocking (a FIFO would otherwise hang the reader), only regular
 * files are read, and never more than a cap: /dev/zero or a huge file cannot grow memory.
 */

/** Caps: a run.json or summary.json is a few KiB; a million-record metrics file is about 80 MiB. */
export const jsonCap = 1024 * 1024;
export const metricsCap = 256 * 1024 * 1024;

export const openFlags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** What a read found: the text (`null` when the file is absent), and a problem to report, if any. */
export interface ReadResult {
  text: string | null;
  problem?: string;
}

/** Size and mtime of a file without following a symlink, as a cache key part ("-" when absent). */
export function fileStamp(file: string): string {
  try {
    const st = fs.lstatSync(file);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return "-";
  }
}

/**
 * The text of a regular file, read up to `cap` bytes. `label` names the file in problems (a path
 * relative to the runs root: absolute paths stay out of messages the dashboard shows).
 */
export function readConfined(file: string, label: string, cap: number): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(file, openFlags);
  } catch (error) {
    return openFailure(error, label);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return notRegular(label);
    const size = Math.min(st.size, cap);
    const buffer = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = fs.readSync(fd, buffer, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return readText(buffer, got, st.size, cap, label);
  } catch (error) {
    return readFailure(error, label);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * True when `dir` is a real folder at exactly `<realRoot>/<...segments>`: no symlink anywhere
 * below the runs root. The root itself may be a symlink; the user chose it.
 */
export function isConfinedDir(realRoot: string, ...segments: string[]): boolean {
  const wanted = path.join(realRoot, ...segments);
  try {
    return fs.realpathSync.native(wanted) === wanted && fs.lstatSync(wanted).isDirectory();
  } catch {
    return false;
  }
}

/** The real path of the runs root, or the resolved path when it does not exist (yet). */
export function realRoot(root: string): string {
  try {
    return fs.realpathSync.native(root);
  } catch {
    return path.resolve(root);
  }
}

/** What readConfined and readConfinedAsync say, shared so that both say the same. */
export function openFailure(error: unknown, label: string): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return { text: null };
  if (code === "ELOOP") return { text: null, problem: `${label}: is a symbolic link, not followed` };
  return readFailure(error, label);
}

export function readFailure(error: unknown, label: string): ReadResult {
  return { text: null, problem: `${label}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
}

export function notRegular(label: string): ReadResult {
  return { text: null, problem: `${label}: not a regular file, ignored` };
}

export function readText(buffer: Buffer, got: number, size: number, cap: number, label: string): ReadResult {
  const text = buffer.toString("utf8", 0, got);
  if (size > cap) return { text, problem: `${label}: ${mib(size)} is over the ${mib(cap)} cap; read the first ${mib(cap)} only` };
  return { text };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
}
