import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Write a file so that readers, and a process killed mid-write, see either the old content or
 * the new, never half of it: write a temporary file beside it, then rename it over the target.
 * No fsync: the promise is about crashed processes, not power cuts, and an fsync costs
 * milliseconds per call on this machine's disk.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}
