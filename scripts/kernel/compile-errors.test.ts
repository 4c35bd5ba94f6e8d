import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDiagnostics, type TslabDiagnostic } from "./compile-errors";

/** A diagnostic at `line`, from `from` to `to` (zero-based), as tslab reports one. */
function at(line: number, from: number, to: number, code: number, messageText: string, fileName?: string): TslabDiagnostic {
  return { start: { offset: 0, line, character: from }, end: { offset: 0, line, character: to }, messageText, category: 1, code, fileName };
}

test("an explanation chained to a message is indented under it, with one underlined line", () => {
  const head = at(1, 6, 7, 2322, "Type 'number[]' is not assignable to type 'string'.");
  const detail = { ...at(1, 6, 7, 2322, "'number[]' is not a string."), start: head.start };
  assert.equal(
    formatDiagnostics("let a = 1;\nconst b: string = [1];", [head, detail]),
    [
      "error TS2322, line 2, column 7: Type 'number[]' is not assignable to type 'string'.",
      "  'number[]' is not a string.",
      "  2 | const b: string = [1];",
      "    |       ^",
    ].join("\n"),
  );
});

test("a complaint past the cell's end points after its last character", () => {
  assert.equal(
    formatDiagnostics("foo(", [at(1, 0, 6, 1135, "Argument expression expected.")]),
    ["error TS1135, line 1, column 5: Argument expression expected.", "  1 | foo(", "    |     ^"].join("\n"),
  );
});

test("a complaint about another file names it and shows its line; tabs keep the carets aligned", () => {
  const files: Record<string, string> = { "util.ts": "export const x = 1;\n\tx = 2;" };
  assert.equal(
    formatDiagnostics("import { x } from './util';", [at(1, 1, 2, 2588, "Cannot assign to 'x'.", "util.ts")], (f) => files[f] ?? null),
    ["error TS2588, util.ts, line 2, column 2: Cannot assign to 'x'.", "  2 | \tx = 2;", "    | \t^"].join("\n"),
  );
});

test("several complaints are separated by a blank line; a line number's width sets the gutter", () => {
  const src = Array.from({ length: 12 }, (_, i) => `const v${i} = ${i};`).join("\n");
  const text = formatDiagnostics(src, [at(0, 6, 8, 1, "one"), at(11, 6, 9, 2, "two")]);
  assert.equal(text.split("\n\n").length, 2);
  assert.ok(text.includes("  12 | const v11 = 11;\n     |       ^^^"), text);
});
