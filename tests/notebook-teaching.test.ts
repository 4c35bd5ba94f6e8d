/**
 * Each chapter writes the idea it teaches in plain view, then checks it against the library.
 * The notebook tests execute every chapter (a mismatch throws inside the check cell); this test
 * makes sure those check cells exist, follow the class they check, and that the stored outputs
 * report an exact match.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../src/lesson/paths";

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; text?: string | string[] }[];
}

const taught: [notebook: string, definitions: string[]][] = [
  ["02-dense-layer.ipynb", ["Dense"]],
  ["03-forward-backward.ipynb", ["forward", "backward"]],
  ["04-sgd.ipynb", ["SGD", "trainingRun"]],
  ["07-momentum.ipynb", ["SGDMomentum"]],
  ["08-learning-rate-schedules.ipynb", ["linearSchedule", "cosineSchedule"]],
  ["09-adam-adamw.ipynb", ["Adam", "AdamW"]],
];

const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : s ?? "");

for (const [notebook, definitions] of taught) {
  test(`${notebook}: ${definitions.join(", ")} written in the notebook and checked against the library`, () => {
    const cells = (JSON.parse(fs.readFileSync(path.join(repoRoot, "notebooks", notebook), "utf8")) as { cells: Cell[] }).cells
      .filter((c) => c.cell_type === "code");
    for (const name of definitions) {
      const defined = cells.findIndex((c) => new RegExp(`^(class|function) ${name}\\b`, "m").test(text(c.source)));
      assert.ok(defined >= 0, `no cell defines ${name}`);
      const printed = (c: Cell) => (c.outputs ?? []).filter((o) => o.output_type === "stream").map((o) => text(o.text)).join("");
      const check = cells.findIndex((c, i) => i >= defined && text(c.source).includes("throw new Error") && /difference[^:\n]*: 0(?![.\d])/.test(printed(c)));
      assert.ok(check >= 0, `no check cell after the definition of ${name} whose stored output reports an exact match with the library`);
    }
  });
}
