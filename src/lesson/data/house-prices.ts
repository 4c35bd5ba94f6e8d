import { Matrix } from "../math/matrix";
import { housePricesCsv } from "../paths";
import { CsvError, numericColumns, readCsvTable } from "./csv-table";
import { standardize } from "./scale";

/** The seven predictors, in the lesson's column order. */
export const PREDICTORS = ["interest", "vacancy", "cpi", "price", "value", "adj_price", "adj_value"] as const;
export const TARGET = "next_quarter";

export interface Split {
  x: Matrix;
  y: Matrix;
}

export interface HousePrices {
  train: Split;
  valid: Split;
  test: Split;
  /** The date of every row, in file order (train rows first, then valid, then test). */
  dates: string[];
  predictors: readonly string[];
}

/**
 * Load the lesson's dataset: the 7 predictors standard-scaled (population std), the target
 * floor((next_quarter - min) / 1000), split 70 / 15 / 15 in file (time) order.
 */
export function loadHousePrices(file: string = housePricesCsv): HousePrices {
  const table = readCsvTable(file);
  const columns = numericColumns(table, PREDICTORS);
  const [target] = numericColumns(table, [TARGET]);
  const dateCol = table.header.indexOf("date");
  const dates = table.rows.map((row, i) => (dateCol >= 0 ? row[dateCol]! : String(i)));

  const n = table.rows.length;
  // Without this, an empty validation split would surface later as a NaN loss, blamed on the learning rate.
  const sizes = [Math.floor(0.7 * n), Math.floor(0.85 * n) - Math.floor(0.7 * n), n - Math.floor(0.85 * n)];
  if (sizes.some((size) => size < 1)) {
    throw new CsvError(file, 0, null, `${n} data rows are too few to split: 70 / 15 / 15 gives ${sizes.join(" / ")} training / validation / test rows, and each needs at least one`);
  }
  const x = new Matrix(n, PREDICTORS.length);
  columns.forEach((col, j) => {
    if (col.every((v) => v === col[0])) {
      throw new CsvError(file, table.lines[0]!, PREDICTORS[j]!, `every value is the same (${col[0]}), so it cannot be standardized`);
    }
    standardize(col).forEach((v, i) => x.set(i, j, v));
  });
  const y = new Matrix(n, 1, targetInThousands(target!));

  const trainEnd = Math.floor(0.7 * n);
  const validEnd = Math.floor(0.85 * n);
  const split = (a: number, b: number): Split => ({ x: x.sliceRows(a, b), y: y.sliceRows(a, b) });
  return { train: split(0, trainEnd), valid: split(trainEnd, validEnd), test: split(validEnd, n), dates, predictors: PREDICTORS };
}

/** floor((v - min) / 1000): the price in three months, in thousands above the lowest one. */
export function targetInThousands(values: Float64Array): Float64Array {
  let min = Infinity;
  for (const v of values) min = Math.min(min, v);
  return values.map((v) => Math.floor((v - min) / 1000));
}
