/**
 * Compiled cells on disk: one small JSON file per cell, named by the hash of everything the
 * compile was given, pointing at a manifest (named by its own hash) of everything it looked at.
 * An entry that cannot be read is a miss.
 */
import fs from "node:fs";
import { hashOf, readJson, shardedPath, writeAtomically } from "./files";
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
    const entry = readJson(shardedPath(this.dir, key, "json")) as Entry | null;
    const ok = entry && typeof entry.manifest === "string" && typeof entry.cell?.output === "string" && typeof entry.cell.declOutput === "string";
    return ok ? entry : null;
  }

  write(key: string, manifest: string, cell: CompiledCell): void {
    writeAtomically(shardedPath(this.dir, key, "json"), JSON.stringify({ manifest, cell } satisfies Entry));
  }

  /** Stores `observations` under their hash (once) and returns it. */
  writeManifest(observations: Observation[]): string {
    const id = `m${hashOf(observations)}`;
    const file = shardedPath(this.dir, id, "json");
    if (!fs.existsSync(file)) writeAtomically(file, JSON.stringify(observations));
    return id;
  }

  readManifest(id: string): Observation[] | null {
    const m = readJson(shardedPath(this.dir, id, "json"));
    return Array.isArray(m) ? (m as Observation[]) : null;
  }
}
