import type { DataFrame } from "danfojs-node";
import type { HousePrices } from "./house-prices";

export type SplitName = "train" | "valid" | "test";

/**
 * A danfojs DataFrame view of one split, for looking at the data in a notebook: one column per
 * predictor plus the target, indexed by date. danfojs stores float32, so use it to display and
 * explore; the lesson's arithmetic stays in the float64 matrices of `HousePrices`.
 * danfojs (and TensorFlow.js under it) loads on the first call only.
 */
export function splitFrame(data: HousePrices, split: SplitName = "train"): DataFrame {
  const { x, y } = data[split];
  const first = split === "train" ? 0 : split === "valid" ? data.train.x.rows : data.train.x.rows + data.valid.x.rows;
  const columns: Record<string, number[] | string[]> = {};
  data.predictors.forEach((name, j) => {
    columns[name] = Array.from({ length: x.rows }, (_, i) => x.get(i, j));
  });
  columns.target = Array.from(y.data);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: it is heavy
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  return new dfd.DataFrame(columns, { index: data.dates.slice(first, first + x.rows) });
}
