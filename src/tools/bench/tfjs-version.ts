import * as fs from "node:fs";

/** The installed @tensorflow/tfjs version, read without loading tfjs (which is slow and chatty). */
export function tfjsVersion(): string {
  const file = require.resolve("@tensorflow/tfjs/package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}
