import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { mirroredSourceFingerprint } from "./mirrored-source";

/**
 * Records the fingerprint of the library source the engine mirrors into verified-source.ts.
 * `npm run verify-engine` runs it only after the engine's contract tests pass on that source.
 */
const target = path.resolve(__dirname, "..", "..", "..", "src", "engine", "verified-source.ts");
const entries = Object.entries(mirroredSourceFingerprint()).map(([name, hash]) => `  "${name}": "${hash}",`);
const text = [
  "// Written by src/engine/record-verified-source.ts (npm run verify-engine): do not edit by hand.",
  "/** The fingerprint of the library source on which the engine's contract tests passed. */",
  "export const VERIFIED_SOURCE: Readonly<Record<string, string>> = {",
  ...entries,
  "};",
  "",
].join("\n");
writeFileSync(target, text);
console.log(`recorded ${entries.length} module fingerprints in ${path.relative(process.cwd(), target)}`);
