/**
 * The lesson's numbers must not depend on the Node that computes them. Math.pow and `**` give
 * different last bits on different V8 versions (see src/lesson/math/pow.ts), so the library, the
 * engine and the notebooks' code cells raise powers only through the library's pow. Squares
 * (`x ** 2`) are allowed: a correctly rounded square is x * x, which every version computes. Node's other Math functions that the lesson uses (exp, log, sqrt, sin, cos)
 * give the same bits on every supported version; the CI run on each version compares the
 * chapters' stored outputs, which is the end-to-end check of this rule.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { joinText, listNotebooks, readNotebook } from "../scripts/notebook-file";

/** `**` or Math.pow in code, skipping comments and JSDoc lines. */
function powerOperators(source: string): string[] {
  const found: string[] = [];
  source.split("\n").forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, "").replace(/\/\*\*?.*?\*\//g, "");
    if (/^\s*(\*|\/\*)/.test(code)) return;
    if (/\*\*(?!\s*2(?![\d.]))|Math\.pow\b/.test(code)) found.push(`line ${i + 1}: ${line.trim()}`);
  });
  return found;
}

function sources(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
    .map((f) => path.join(folder, f));
}

test("the library and the engine raise powers only through pow (src/lesson/math/pow.ts)", () => {
  const offending = [...sources(path.join(repoRoot, "src/lesson")), ...sources(path.join(repoRoot, "src/engine"))]
    .filter((f) => !f.endsWith(path.join("math", "pow.ts")))
    .flatMap((f) => powerOperators(fs.readFileSync(f, "utf8")).map((l) => `${path.relative(repoRoot, f)} ${l}`));
  assert.deepEqual(offending, []);
});

test("the notebooks' code cells raise powers only through the library's pow", () => {
  const offending: string[] = [];
  for (const file of listNotebooks(path.join(repoRoot, "notebooks"))) {
    readNotebook(file).cells.forEach((c, i) => {
      if (c.cell_type !== "code") return;
      for (const l of powerOperators(joinText(c.source))) offending.push(`${path.basename(file)} cell ${i} ${l}`);
    });
  }
  assert.deepEqual(offending, []);
});

test("the scan finds a power operator where there is one", () => {
  assert.equal(powerOperators("const a = b ** t;\n// a ** b in a comment\n/** x ** y */\nMath.pow(2, 3)\nd ** 2.5\nd ** 2").length, 3);
});
