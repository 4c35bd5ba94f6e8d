import * as fs from "node:fs";
import { notRegular, openFailure, openFlags, readFailure, readText, type ReadResult } from "./confined";

/** Bytes per read: each read is one trip to the thread pool, so the event loop runs between them. */
const chunk = 4 * 1024 * 1024;

/**
 * readConfined without blocking the event loop, for the dashboard server: the same flags (no
 * symlink followed, no FIFO waited on), regular files only, the same cap and the same problems.
 */
export async function readConfinedAsync(file: string, label: string, cap: number): Promise<ReadResult> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, openFlags);
  } catch (error) {
    return openFailure(error, label);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return notRegular(label);
    const size = Math.min(st.size, cap);
    const buffer = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const { bytesRead } = await handle.read(buffer, got, Math.min(chunk, size - got), got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return readText(buffer, got, st.size, cap, label);
  } catch (error) {
    return readFailure(error, label);
  } finally {
    await handle.close();
  }
}
