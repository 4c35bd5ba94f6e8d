import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Write a file so that readers see either the old content or the new, never half of it:
 * write a temporary file beside it, fsync it, then rename it over the target.
 */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
