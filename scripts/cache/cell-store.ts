/**
 * Compiled cells on disk: one small JSON file per cell, named by the hash of everything the
 * compile was given, pointing at a manifest (named by its own hash) of everything it looked at.
 * An entry that cannot be read is a miss; a damaged one (see sealed.ts) is discarded and
 * compiled again.
 */
import fs from "node:fs";
import { hashOf, readAndTouch, shardedPath, writeAtomically } from "./files";
import { discardDamaged, readSealed, writeSealed } from "./sealed";
import type { Observation } from "./observations";

/** What tslab's converter returns for a cell that compiled cleanly (the part worth keeping). */
export interface CompiledCell {
  output: string;
  declOutput: string;
  hasToplevelAwait?: boolean;
  lastExpressionVar?: string;
}

interface Entry {
  manifest: string;
  cell: CompiledCell;
}

export class CellStore {
  constructor(readonly dir: string) {}

  /** The entry stored under `key`, or null (none, or unreadable). */
  read(key: string): Entry | null {
    let entry: Entry | null = null;
    const body = readSealed(this.entryFile(key), key, (data) => (entry = parseEntry(data)) !== null);
    return body === null ? null : entry;
  }

  write(key: string, manifest: string, cell: CompiledCell): void {
    writeSealed(this.entryFile(key), key, Buffer.from(JSON.stringify({ manifest, cell } satisfies Entry)));
  }

  private entryFile(key: string): string {
    return shardedPath(this.dir, key, "entry");
  }

  /** Stores `observations` under their hash (once) and returns it. */
  writeManifest(observations: Observation[]): string {
    const id = `m${hashOf(observations)}`;
    const file = shardedPath(this.dir, id, "json");
    if (!fs.existsSync(file)) writeAtomically(file, JSON.stringify(observations));
    return id;
  }

  /** A manifest is named by the hash of its content: one that no longer matches its name is damaged. */
  readManifest(id: string): Observation[] | null {
    const file = shardedPath(this.dir, id, "json");
    const data = readAndTouch(file);
    if (data === null) return null;
    const m = parseJson(data);
    if (Array.isArray(m) && `m${hashOf(m)}` === id) return m as Observation[];
    discardDamaged(file);
    return null;
  }
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString("utf8"));
  } catch {
    return null;
  }
}

function parseEntry(data: Buffer): Entry | null {
  const entry = parseJson(data) as Entry | null;
  const ok = entry && typeof entry.manifest === "string" && typeof entry.cell?.output === "string" && typeof entry.cell.declOutput === "string";
  return ok ? entry : null;
}
