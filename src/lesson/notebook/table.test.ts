import { test } from "node:test";
import assert from "node:assert/strict";
import { tableBundle } from "./table";

test("rows of objects become a table with the union of their keys as columns", () => {
  const { html, text } = tableBundle([{ a: 1, b: 0.123456789 }, { a: 2, c: "<x>" }]);
  assert.match(html, /<thead><tr><th>a<\/th><th>b<\/th><th>c<\/th><\/tr><\/thead>/);
  assert.match(html, /<tr><td>1<\/td><td>0.123457<\/td><td><\/td><\/tr>/);
  assert.match(html, /<td>&lt;x&gt;<\/td>/, "cell text is escaped");
  assert.equal(text, ["a         b    c", "1  0.123457     ", "2            <x>"].join("\n"));
});

test("maxRows cuts the table and says how many rows were left out", () => {
  const rows = Array.from({ length: 12 }, (_, i) => ({ i }));
  const { html, text } = tableBundle(rows, { maxRows: 3 });
  assert.equal((html.match(/<tr>/g) ?? []).length, 4); // header + 3
  assert.match(html, /\.\.\. 9 more rows \(12 in all\)/);
  assert.match(text, /\.\.\. 9 more rows \(12 in all\)$/);
});

test("a DataFrame-like object (columns + values) is read row by row", () => {
  const frame = { columns: ["x", "y"], values: [[1, 2.5], [3, 4]] };
  const { text } = tableBundle(frame);
  assert.equal(text, ["x    y", "1  2.5", "3    4"].join("\n"));
});

test("a DataFrame's row labels are shown when they are not just 0, 1, 2, ...", () => {
  const described = { columns: ["x"], values: [[2], [0.5]], index: ["mean", "std"] };
  assert.equal(tableBundle(described).text, ["        x", "mean    2", " std  0.5"].join("\n"));
  const plain = { columns: ["x"], values: [[2], [0.5]], index: [0, 1] };
  assert.equal(tableBundle(plain).text, ["  x", "  2", "0.5"].join("\n"));
});
