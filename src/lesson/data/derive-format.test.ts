import { test } from "node:test";
import * as assert from "node:assert/strict";
import { pythonFloat, toCsv } from "./derive-format";

test("pythonFloat writes numbers as Python's repr(float) does", () => {
  const cases: [number, string][] = [
    [190000, "190000.0"], // JavaScript would write "190000"
    [5.68, "5.68"],
    [-2.5, "-2.5"],
    [0.1 + 0.2, "0.30000000000000004"], // shortest digits that round-trip, as in both languages
    [89549.14362740015, "89549.14362740015"],
    [0.0001, "0.0001"], // smallest decimal exponent still written positionally
    [0.00001, "1e-05"], // JavaScript would write "0.00001"
    [1.5e-7, "1.5e-07"],
    [1234567890123456, "1234567890123456.0"],
    [1e16, "1e+16"], // JavaScript would write "10000000000000000"
    [1.25e22, "1.25e+22"],
    [0, "0.0"],
  ];
  for (const [x, expected] of cases) assert.equal(pythonFloat(x), expected, `pythonFloat(${x})`);
});

test("toCsv writes the header in file order and one line per row, each ending in a newline", () => {
  const csv = toCsv([
    {
      date: "2008-02-02",
      interest: 5.68,
      vacancy: 10.1,
      cpi: 212.174,
      price: 190000,
      value: 206885.8533,
      adjPrice: 89549.14362740015,
      adjValue: 97507.63679809967,
      nextQuarter: 90610.01449760231,
    },
  ]);
  assert.equal(
    csv,
    "date,interest,vacancy,cpi,price,value,adj_price,adj_value,next_quarter\n" +
      "2008-02-02,5.68,10.1,212.174,190000.0,206885.8533,89549.14362740015,97507.63679809967,90610.01449760231\n",
  );
});
