import type { DerivedRow } from "./derive";

/**
 * Writing the derived rows as the committed house_prices.csv was written (by pandas' to_csv),
 * so that a re-derivation can be compared with it byte for byte.
 */

/**
 * Format a number as Python's repr(float) does: the shortest digits that read back as the same
 * float (JavaScript finds the same digits), but always with a decimal point ("190000.0") and in
 * exponent form ("1e-05", "1.5e+16") when the decimal exponent is below -4 or at least 16.
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";

  // toExponential() with no argument gives the shortest round-trip digits, e.g. "1.9e+5".
  const [mantissa, exponentText] = x.toExponential().split("e");
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");

  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
}

/** The CSV header and the row field each column comes from, in file order. */
export const housePriceColumns: [header: string, field: keyof DerivedRow][] = [
  ["date", "date"],
  ["interest", "interest"],
  ["vacancy", "vacancy"],
  ["cpi", "cpi"],
  ["price", "price"],
  ["value", "value"],
  ["adj_price", "adjPrice"],
  ["adj_value", "adjValue"],
  ["next_quarter", "nextQuarter"],
];

/** The rows as CSV text: a header line, then one line per row, each ending in "\n". */
export function toCsv(rows: DerivedRow[]): string {
  const lines = [housePriceColumns.map(([header]) => header).join(",")];
  for (const row of rows) {
    lines.push(
      housePriceColumns
        .map(([, field]) => {
          const cell = row[field];
          return typeof cell === "number" ? pythonFloat(cell) : cell;
        })
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}
