/**
 * Cache entries that prove what they hold: each file starts with the SHA-256 of its key and its
 * content, checked on every read. An entry edited by hand (still valid JSON, other numbers),
 * flipped bits, or a file of another kind put in its place is discarded with one warning naming
 * it, and the caller computes the value again: a damaged cache costs time, never wrong results.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { readAndTouch, writeAtomically } from "./files";

const digestBytes = 32;

function digestOf(key: string, body: Uint8Array): Buffer {
  return crypto.createHash("sha256").update(key).update("\0").update(body).digest();
}

export function writeSealed(file: string, key: string, body: Uint8Array): void {
  writeAtomically(file, Buffer.concat([digestOf(key, body), body]));
}

/** The body stored under `key` in `file`, or null: absent, or damaged (then removed, with a warning). */
export function readSealed(file: string, key: string, check: (body: Buffer) => boolean = () => true): Buffer | null {
  const data = readAndTouch(file);
  if (data === null) return null;
  const body = data.subarray(digestBytes);
  if (data.length >= digestBytes && digestOf(key, body).equals(data.subarray(0, digestBytes)) && check(body)) return body;
  discardDamaged(file);
  return null;
}

/** Removes a damaged entry and says so once on stderr, naming the file. */
export function discardDamaged(file: string): void {
  fs.rmSync(file, { force: true });
  process.stderr.write(`warning: damaged cache entry ${file} discarded; its content is computed again\n`);
}
