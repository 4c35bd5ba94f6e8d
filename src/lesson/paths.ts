import * as path from "node:path";

/** The repository root: this file compiles to dist/src/lesson/paths.js, three levels below it. */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** The lesson's dataset, as committed. */
export const housePricesCsv = path.join(repoRoot, "data", "house_prices.csv");

/** The raw FRED and Zillow series the dataset is derived from. */
export const rawDataDir = path.join(repoRoot, "data", "raw");
