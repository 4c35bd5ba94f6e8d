import { deriveHousePrices } from "../src/lesson/data/derive";
import { toCsv } from "../src/lesson/data/derive-format";
import { housePricesCsv, rawDataDir } from "../src/lesson/paths";
import { writeFileAtomic } from "../src/lesson/track/atomic";
import { UsageError } from "../src/tools/cli/usage-error";

/**
 * Re-derive data/house_prices.csv from the raw series in data/raw.
 * Usage: node dist/scripts/derive-data.js [--out FILE]   (--out - writes to stdout)
 */
function main(args: string[]): void {
  let out = housePricesCsv;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out" && i + 1 < args.length) out = args[++i];
    else if (args[i] === "--help" || args[i] === "-h") {
      console.log("usage: derive-data [--out FILE]   (default data/house_prices.csv; --out - for stdout)");
      return;
    } else throw new UsageError(`derive-data: unknown argument "${args[i]}" (usage: derive-data [--out FILE])`);
  }

  const rows = deriveHousePrices(rawDataDir);
  const csv = toCsv(rows);
  if (out === "-") {
    process.stdout.write(csv);
  } else {
    // Derived in full before writing, then swapped in whole: a failure never leaves a half file.
    writeFileAtomic(out, csv);
    console.error(`derive-data: wrote ${rows.length} rows to ${out}`);
  }
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
