import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Keep a failed notebook's partial output for inspection: in a fresh folder of its own (mode 0700,
 * made by mkdtemp) under the temp folder, created exclusively. A fixed name in /tmp could be a
 * symlink planted by another user, and would collide between checkouts.
 */
export function keepFailedCopy(partial: string, notebook: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lesson-failed-"));
  const copy = path.join(folder, path.basename(notebook));
  fs.copyFileSync(partial, copy, fs.constants.COPYFILE_EXCL);
  return copy;
}
