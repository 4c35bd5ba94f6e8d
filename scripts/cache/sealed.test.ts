import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CellStore } from "./cell-store";
import { FigureCache } from "./figure-cache";

/** Every file below `dir`. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)).filter((f) => fs.lstatSync(f).isFile() || fs.lstatSync(f).isFIFO());
}

/** Runs `body` with stderr captured; returns what was written to it. */
function stderrOf(body: () => void): string {
  const write = process.stderr.write;
  let text = "";
  process.stderr.write = ((chunk: string) => ((text += chunk), true)) as typeof process.stderr.write;
  try {
    body();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

const cell = { output: "exports.rng = new exports.NumpyRandom(0);", declOutput: "" };

test("a cell entry edited by hand, still valid JSON, is discarded with one warning naming it", () => {
  const store = new CellStore(fs.mkdtempSync(path.join(os.tmpdir(), "cells-")));
  store.write("k1", "m0", cell);
  assert.deepEqual(store.read("k1"), { manifest: "m0", cell });
  const [entry] = filesUnder(store.dir);
  fs.writeFileSync(entry, fs.readFileSync(entry, "latin1").replace("NumpyRandom(0)", "NumpyRandom(1)"), "latin1");
  const warning = stderrOf(() => assert.equal(store.read("k1"), null));
  assert.equal(warning.split("\n").filter(Boolean).length, 1);
  assert.ok(warning.includes(entry), warning);
  assert.equal(fs.existsSync(entry), false, "the damaged entry is removed, so the cell is compiled and stored again");
  store.write("k1", "m0", cell);
  assert.deepEqual(store.read("k1"), { manifest: "m0", cell });
});

test("an entry stored under another key, with flipped bytes, or a damaged manifest is a miss", () => {
  const store = new CellStore(fs.mkdtempSync(path.join(os.tmpdir(), "cells-")));
  store.write("k1", "m0", cell);
  const [entry] = filesUnder(store.dir);
  const moved = entry.replace(/k1\.entry$/, "k2.entry");
  fs.copyFileSync(entry, moved);
  stderrOf(() => assert.equal(store.read("k2"), null, "an entry proves the key it was stored under"));
  const bytes = fs.readFileSync(entry);
  bytes[bytes.length - 3] ^= 0x20;
  fs.writeFileSync(entry, bytes);
  stderrOf(() => assert.equal(store.read("k1"), null));
  const id = store.writeManifest([]);
  const manifest = filesUnder(store.dir).find((f) => path.basename(f).startsWith(id))!;
  fs.writeFileSync(manifest, JSON.stringify([{ kind: "planted" }]));
  assert.match(stderrOf(() => assert.equal(store.readManifest(id), null)), /damaged cache entry/);
});

test("a FIFO or a symlink in place of an entry is a miss, without waiting on it", () => {
  const store = new CellStore(fs.mkdtempSync(path.join(os.tmpdir(), "cells-")));
  store.write("k1", "m0", cell);
  store.write("k2", "m0", cell);
  const [first, second] = filesUnder(store.dir).sort();
  fs.rmSync(first);
  execFileSync("mkfifo", [first]);
  fs.rmSync(second);
  fs.symlinkSync("/dev/zero", second);
  assert.equal(store.read("k1") ?? store.read("k2"), null);
});

test("a figure entry holding text instead of a PNG is discarded; only PNGs are stored", () => {
  const figures = new FigureCache(fs.mkdtempSync(path.join(os.tmpdir(), "figures-")), process.execPath);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR…")]);
  figures.put("fig", png);
  assert.deepEqual(figures.get("fig"), png);
  const [entry] = filesUnder(figures.dir);
  fs.writeFileSync(entry, "not a picture at all, but more than thirty-two bytes of text");
  assert.match(stderrOf(() => assert.equal(figures.get("fig"), null)), /damaged cache entry/);
  figures.put("text", Buffer.from("<html>not a png</html>"));
  assert.equal(figures.get("text"), null);
});
