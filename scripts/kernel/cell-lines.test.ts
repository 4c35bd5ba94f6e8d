import { test } from "node:test";
import assert from "node:assert/strict";
import ts from "typescript";
import { cellLineMap } from "./cell-lines";

const { createConverter } = require("tslab/dist/converter") as {
  createConverter(): { convert(prev: string, src: string): { output?: string }; close(): void };
};

test("every statement of a cell maps back to its line through tslab's real output", () => {
  // Type annotations, an import, a split `if`, a multi-line call and an arrow function:
  // the compiled lines differ from the cell's in number and order.
  const cell = [
    'import { pow } from "optim-lesson";',
    "const rate: number = 3e-4;",
    "function first(x: number): number {",
    "  if (x > 1) throw new Error(`big ${x}`);",
    "  return second(x);",
    "}",
    "",
    "const rows = [1, 2].map((v: number) =>",
    "  third(v, rate));",
    "const last = pow(fourth(rows), 2);",
  ].join("\n");
  const prelude = "declare function second(x: number): number;\ndeclare function third(x: number, y: number): number;\ndeclare function fourth(x: number[]): number;";
  const converter = createConverter();
  try {
    const compiled = converter.convert(prelude, cell).output!;
    assert.ok(compiled, "tslab compiled the cell");
    const map = cellLineMap(ts, cell, compiled);
    const lines = compiled.split("\n");
    for (const [marker, expected] of [["new Error", 4], ["second(", 5], ["third(", 9], ["fourth(", 10], ["(v) =>", 8]] as const) {
      const line = lines.findIndex((l) => l.includes(marker));
      assert.ok(line >= 0, `the compiled code has ${marker}:\n${compiled}`);
      assert.equal(map(line + 1, lines[line].indexOf(marker) + 1), expected, `${marker} on compiled line ${line + 1}`);
    }
  } finally {
    converter.close();
  }
});

test("a position on a line with no token of the cell maps to nothing", () => {
  const map = cellLineMap(ts, "const a = 1;", "const a = 1;\nObject.defineProperty(exports, 'z', {});");
  assert.equal(map(1, 1), 1);
  assert.equal(map(2, 1), null);
});
