import * as fs from "node:fs";
import * as path from "node:path";

/**
 * A folder below the runs root held open, so that its files are read relative to that handle and
 * not by a path that a rename plus a symlink could redirect between a check and an open. Each
 * component is opened with O_NOFOLLOW relative to the handle of its parent (through the kernel's
 * /proc/self/fd links, since Node has no openat): a symlink anywhere below the root is refused.
 * Without /proc (not Linux), the folder is read by its path, as checked by isConfinedDir.
 */
export interface HeldDir {
  /** A path that names the held folder itself, whatever happens to its name meanwhile. */
  readonly path: string;
  close(): void;
}

const procFd = "/proc/self/fd";
const hasProcFd = fs.existsSync(procFd);
const dirFlags = fs.constants.O_RDONLY | (fs.constants.O_DIRECTORY ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/** The folder `<realRoot>/<...segments>` held open, or null when it is absent, not a folder, or reached through a symlink. */
export function holdDir(realRoot: string, ...segments: string[]): HeldDir | null {
  if (!hasProcFd) return { path: path.join(realRoot, ...segments), close: () => {} };
  let fd: number;
  try {
    fd = fs.openSync(realRoot, fs.constants.O_RDONLY | (fs.constants.O_DIRECTORY ?? 0));
  } catch {
    return null;
  }
  for (const segment of segments) {
    let child: number;
    try {
      child = fs.openSync(`${procFd}/${fd}/${segment}`, dirFlags);
    } catch {
      fs.closeSync(fd);
      return null;
    }
    fs.closeSync(fd);
    fd = child;
  }
  const held = fd;
  let open = true;
  return {
    path: `${procFd}/${held}`,
    close: () => {
      if (open) fs.closeSync(held);
      open = false;
    },
  };
}
