/**
 * PNGs of figures the render service has drawn, keyed by the request (figure JSON and size), the
 * plotly.js version and the Chromium binary: the same figure drawn by the same programs is the
 * same picture, so a re-run of an unchanged chapter need not start Chromium at all.
 */
import fs from "node:fs";
import path from "node:path";
import { hashOf, shardedPath } from "./files";
import { readSealed, writeSealed } from "./sealed";

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPng = (data: Buffer): boolean => data.subarray(0, 8).equals(pngSignature);

export class FigureCache {
  private readonly renderer: string;

  /** `chromium`: the binary that draws; its path, size and mtime stand for its version. */
  constructor(readonly dir: string, chromium: string) {
    const plotlyVersion = (require("plotly.js-dist-min/package.json") as { version: string }).version;
    const s = fs.statSync(chromium);
    this.renderer = JSON.stringify([plotlyVersion, path.resolve(chromium), s.size, s.mtimeMs]);
  }

  private key(request: string): string {
    return hashOf([1, this.renderer, request]);
  }

  /** The PNG drawn for this exact request body, or null (none, or damaged: then discarded). */
  get(request: string): Buffer | null {
    const key = this.key(request);
    return readSealed(shardedPath(this.dir, key, "png.entry"), key, isPng);
  }

  /** Only a PNG is stored. */
  put(request: string, png: Buffer): void {
    if (!isPng(png)) return;
    const key = this.key(request);
    writeSealed(shardedPath(this.dir, key, "png.entry"), key, png);
  }
}
