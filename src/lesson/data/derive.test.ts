import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  addDays,
  deriveHousePrices,
  dropIncomplete,
  forwardFill,
  innerJoin,
  leadBy,
  outerJoin,
  withMonthValue,
} from "./derive";
import { toCsv } from "./derive-format";
import { housePricesCsv, rawDataDir } from "../paths";

test("re-deriving from data/raw reproduces the committed house_prices.csv byte for byte", () => {
  const derived = toCsv(deriveHousePrices(rawDataDir));
  const committed = fs.readFileSync(housePricesCsv, "utf8");
  // Compare line by line first so that a failure names the first differing row, not a 60 kB blob.
  const derivedLines = derived.split("\n");
  const committedLines = committed.split("\n");
  for (let i = 0; i < Math.min(derivedLines.length, committedLines.length); i++) {
    assert.equal(derivedLines[i], committedLines[i], `line ${i + 1} of house_prices.csv differs`);
  }
  assert.equal(derivedLines.length, committedLines.length, "number of lines differs");
  assert.equal(derived, committed);
});

test("the derived dataset has 722 weekly rows from 2008-02-02 to 2022-04-09", () => {
  const rows = deriveHousePrices(rawDataDir);
  assert.equal(rows.length, 722);
  assert.equal(rows[0].date, "2008-02-02");
  assert.equal(rows[rows.length - 1].date, "2022-04-09");
  // next_quarter really is adj_price 13 rows down.
  assert.equal(rows[0].nextQuarter, rows[13].adjPrice);
});

test("outer join, forward fill and drop: slower series fill the weeks between their dates", () => {
  const weekly = [
    { date: "2000-01-06", value: 8.1 },
    { date: "2000-02-03", value: 8.2 },
    { date: "2000-02-10", value: 8.3 },
  ];
  const monthly = [
    { date: "2000-02-01", value: 170 },
    { date: "2000-03-01", value: 171 },
  ];
  const joined = outerJoin([weekly, monthly]);
  assert.deepEqual(joined, [
    { date: "2000-01-06", values: [8.1, undefined] },
    { date: "2000-02-01", values: [undefined, 170] },
    { date: "2000-02-03", values: [8.2, undefined] },
    { date: "2000-02-10", values: [8.3, undefined] },
    { date: "2000-03-01", values: [undefined, 171] },
  ]);
  assert.deepEqual(dropIncomplete(forwardFill(joined)), [
    // 2000-01-06 is dropped: the monthly series has not started yet.
    { date: "2000-02-01", values: [8.1, 170] },
    { date: "2000-02-03", values: [8.2, 170] },
    { date: "2000-02-10", values: [8.3, 170] },
    { date: "2000-03-01", values: [8.3, 171] },
  ]);
});

test("shifting by 2 days moves a Thursday to the Saturday, across month ends and leap days", () => {
  assert.equal(addDays("2008-01-31", 2), "2008-02-02");
  assert.equal(addDays("2008-02-28", 2), "2008-03-01");
  assert.equal(addDays("2007-02-28", 2), "2007-03-02");
  assert.equal(addDays("2021-12-30", 2), "2022-01-01");
});

test("month lookup gives each week the monthly value of its calendar month", () => {
  const weeks = [
    { date: "2008-01-26", value: 200000 },
    { date: "2008-02-02", value: 190000 },
  ];
  // Zillow dates its monthly index at the month's last day.
  const months = [
    { date: "2008-01-31", value: 208686.7285 },
    { date: "2008-02-29", value: 206885.8533 },
  ];
  assert.deepEqual(withMonthValue(weeks, months), [
    { date: "2008-01-26", price: 200000, value: 208686.7285 },
    { date: "2008-02-02", price: 190000, value: 206885.8533 },
  ]);
  assert.throws(() => withMonthValue([{ date: "2008-03-01", value: 1 }], months), /no monthly value for 2008-03/);
});

test("inner join keeps only dates present on both sides", () => {
  const left = [
    { date: "a", x: 1 },
    { date: "b", x: 2 },
  ];
  const right = [
    { date: "b", y: 3 },
    { date: "c", y: 4 },
  ];
  assert.deepEqual(innerJoin(left, right), [{ date: "b", x: 2, y: 3 }]);
});

test("lead by 13 pairs each row with the one 13 rows later, leaving the last 13 without", () => {
  const values = Array.from({ length: 16 }, (_, i) => i * 10);
  const lead = leadBy(values, 13);
  assert.deepEqual(lead.slice(0, 3), [130, 140, 150]);
  assert.deepEqual(lead.slice(3), new Array(13).fill(undefined));
});

/** Derive from a copy of data/raw in a temporary folder, with one file replaced (or removed if undefined). */
function deriveWithRawFile(file: string, content: string | undefined): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "derive-test-"));
  try {
    for (const name of fs.readdirSync(rawDataDir)) fs.copyFileSync(path.join(rawDataDir, name), path.join(dir, name));
    if (content === undefined) fs.rmSync(path.join(dir, file));
    else fs.writeFileSync(path.join(dir, file), content);
    deriveHousePrices(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("a missing raw file is reported by name", () => {
  assert.throws(() => deriveWithRawFile("CPIAUCSL.csv", undefined), /CPIAUCSL\.csv: file not found/);
});

test("a missing column is reported with the file, header line and column", () => {
  assert.throws(
    () => deriveWithRawFile("zillow_zhvi_us_month.csv", "date,value\n2008-02-29,206885.8533\n"),
    /zillow_zhvi_us_month\.csv:1: column "zhvi": missing column \(header has: date, value\)/,
  );
});

test("a non-numeric value (FRED's '.' for missing) is reported with file, line and column", () => {
  assert.throws(
    () => deriveWithRawFile("RRVRUSQ156N.csv", "DATE,RRVRUSQ156N\n1956-01-01,6.2\n1956-04-01,.\n"),
    /RRVRUSQ156N\.csv:3: column "RRVRUSQ156N": "\." is not a number/,
  );
});

test("a malformed date is reported with file, line and column", () => {
  assert.throws(
    () => deriveWithRawFile("MORTGAGE30US.csv", "DATE,MORTGAGE30US\n1971-04-02,7.33\n04/09/1971,7.31\n"),
    /MORTGAGE30US\.csv:3: column "DATE": "04\/09\/1971" is not a YYYY-MM-DD date/,
  );
});
