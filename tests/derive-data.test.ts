import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { housePricesCsv, repoRoot } from "../src/lesson/paths";

const script = path.join(repoRoot, "dist", "scripts", "derive-data.js");
const run = (args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });

test("derive-data --out FILE writes the committed dataset, byte for byte", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "derive-"));
  try {
    const out = path.join(dir, "house_prices.csv");
    const result = run(["--out", out]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /wrote 722 rows/);
    assert.equal(fs.readFileSync(out, "utf8"), fs.readFileSync(housePricesCsv, "utf8"));
    assert.deepEqual(fs.readdirSync(dir), ["house_prices.csv"]); // no temporary file left behind
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test("derive-data with an unknown argument exits 2 and names it", () => {
  const result = run(["--bogus"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /unknown argument "--bogus"/);
});
