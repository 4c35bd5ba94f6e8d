import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CsvError } from "./csv-table";
import { loadHousePrices, targetInThousands } from "./house-prices";

test("the first scaled training rows and targets are the lesson's", () => {
  const data = loadHousePrices();
  const expected = [
    [1.94509048, 1.39642758, -1.52275521, -0.64519476, -0.11676266, -0.13891486, 0.8225858],
    [1.93249288, 1.39642758, -1.49354416, -0.64519476, -0.11676266, -0.15597175, 0.80219322],
  ];
  data.train.x.toArray().slice(0, 2).forEach((row, r) =>
    row.forEach((v, c) => assert.ok(Math.abs(v - expected[r]![c]!) < 5e-9, `row ${r} col ${c}: ${v}`)));
  assert.deepEqual(data.train.y.toArray().slice(0, 2), [[22], [22]]);
  assert.deepEqual([data.train.x.rows, data.valid.x.rows, data.test.x.rows], [505, 108, 109]);
  assert.equal(data.dates[0], "2008-02-02");
});

test("the target is floor((v - min) / 1000)", () => {
  assert.deepEqual(Array.from(targetInThousands(new Float64Array([1500, 2499.9, 3500, 1500.5]))), [0, 0, 2, 0]);
});

const header = "date,interest,vacancy,cpi,price,value,adj_price,adj_value,next_quarter";
let serial = 0;
// Every column varies (a constant column cannot be standardized); v sets the interest cell.
const row = (date: string, v = "1") => { serial++; return `${date},${v},${2 + serial},${3 * serial},4${serial},5${serial},6${serial},7${serial},8${serial}`; };

function withCsv(text: string, check: (file: string) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csv-"));
  const file = path.join(dir, "bad.csv");
  fs.writeFileSync(file, text);
  try { check(file); } finally { fs.rmSync(dir, { recursive: true }); }
}

const rejects = (text: string, pattern: RegExp) =>
  withCsv(text, (file) => assert.throws(() => loadHousePrices(file), (err: unknown) =>
    err instanceof CsvError && err.message.startsWith(file) && pattern.test(err.message)));

test("a missing column is named, with the header", () => {
  rejects("date,interest\n2008-01-01,1\n", /:1: column "vacancy": missing column \(header has: date, interest\)/);
});

test("a non-numeric cell names its line and column", () => {
  rejects([header, row("a"), row("b"), `c,1,2,x3,4,5,6,7,8`].join("\n"), /:4: column "cpi": "x3" is not a number/);
});

test("a cell in hexadecimal, binary, octal or with separators is not a number, as for the flags", () => {
  for (const cell of ["0x10", "0b11", "0o7", "1_000", "Infinity"]) {
    rejects([header, row("a"), `c,1,2,${cell},4,5,6,7,8`].join("\n"), new RegExp(`:3: column "cpi": "${cell}" is not a number`));
  }
});

test("an empty file says so", () => {
  rejects("", /:1: the file is empty/);
  rejects(`${header}\n`, /no data rows after the header/);
});

test("a ragged row names its line", () => {
  rejects([header, row("a"), "b,1,2,3"].join("\n"), /:3: expected 9 cells like the header, found 4/);
});

test("blank cells are forward-filled; a blank first row is an error", () => {
  const lines = [header, row("a", "5"), row("b", ""), ...Array.from({ length: 8 }, (_, i) => row(`c${i}`, String(i)))];
  withCsv(lines.join("\n"), (file) => {
    const data = loadHousePrices(file);
    // interest column, scaled: rows 0 and 1 hold the same raw value 5, so the same scaled value
    assert.equal(data.train.x.get(0, 0), data.train.x.get(1, 0));
  });
  rejects([header, row("a", ""), row("b")].join("\n"), /:2: column "interest": empty cell in the first data row/);
});

test("a constant column is named (it cannot be standardized)", () => {
  const lines = [header, ...Array.from({ length: 5 }, (_, i) => row(`d${i}`, "3"))];
  rejects(lines.join("\n"), /column "interest": every value is the same \(3\), so it cannot be standardized/);
});
