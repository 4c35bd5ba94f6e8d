/**
 * PNGs of figures the render service has drawn, keyed by the request (figure JSON and size), the
 * plotly.js version and the Chromium binary: the same figure drawn by the same programs is the
 * same picture, so a re-run of an unchanged chapter need not start Chromium at all.
 */
import fs from "node:fs";
import path from "node:path";
import { hashOf, readAndTouch, shardedPath, writeAtomically } from "./files";

export class FigureCache {
  private readonly renderer: string;

  /** `chromium`: the binary that draws; its path, size and mtime stand for its version. */
  constructor(readonly dir: string, chromium: string) {
    const plotlyVersion = (require("plotly.js-dist-min/package.json") as { version: string }).version;
    const s = fs.statSync(chromium);
    this.renderer = JSON.stringify([plotlyVersion, path.resolve(chromium), s.size, s.mtimeMs]);
  }

  private file(request: string): string {
    return shardedPath(this.dir, hashOf([1, this.renderer, request]), "png");
  }

  /** The PNG drawn for this exact request body, or null. */
  get(request: string): Buffer | null {
    return readAndTouch(this.file(request));
  }

  put(request: string, png: Buffer): void {
    writeAtomically(this.file(request), png);
  }
}
