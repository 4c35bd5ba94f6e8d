/**
 * `node dist/scripts/test/same-outputs.js NOTEBOOK...`: executes copies of
 * the chosen chapters with this Node (through `npm run lesson`'s runner, in a private folder under
 * dist/) and compares their outputs with the stored notebooks, exactly (output-differences.ts).
 * Exits 1 naming each cell that differs, so CI on every supported Node fails when a stored
 * chapter's numbers depend on the Node version. The stored notebooks are never touched.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../../src/lesson/paths";
import { listNotebooks, readNotebook } from "../notebook-file";
import { selectNotebooks } from "../lesson";
import { outputDifferences } from "./output-differences";

function main(argv: string[]): number {
  if (argv.length === 0 || argv.some((s) => s.startsWith("-"))) {
    console.error("usage: node dist/scripts/test/same-outputs.js NOTEBOOK... (a number or part of a name, as for npm run lesson)");
    return 2;
  }
  let stored: string[];
  try {
    stored = selectNotebooks(listNotebooks(path.join(repoRoot, "notebooks")), argv);
  } catch (e) {
    console.error(`same-outputs: ${(e as Error).message}`);
    return 2;
  }
  // Inside the checkout, so that the copies import the package as the chapters do.
  fs.mkdirSync(path.join(repoRoot, "dist"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(repoRoot, "dist", "same-outputs-"));
  for (const file of stored) fs.copyFileSync(file, path.join(dir, path.basename(file)));

  const run = spawnSync(process.execPath, [path.join(repoRoot, "dist", "scripts", "lesson.js")], {
    stdio: "inherit",
    env: { ...process.env, LESSON_NOTEBOOKS_DIR: dir },
  });
  if (run.status !== 0) {
    console.error(`same-outputs: the runner failed (exit ${run.status ?? run.signal}); copies kept in ${dir}`);
    return 1;
  }
  const failures: string[] = [];
  for (const file of stored) {
    const name = path.basename(file);
    const diffs = outputDifferences(readNotebook(file), readNotebook(path.join(dir, name)));
    if (diffs.length > 0) failures.push(`${name}:`, ...diffs.map((d) => `  ${d}`));
  }
  if (failures.length > 0) {
    console.error([`same-outputs: on Node ${process.version}, outputs differ from the stored notebooks:`, ...failures, `copies kept in ${dir}`].join("\n"));
    return 1;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`same-outputs: ${stored.length} notebook${stored.length > 1 ? "s" : ""} identical to the stored ones on Node ${process.version}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
