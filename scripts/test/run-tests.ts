/**
 * Runs the project's tests with node:test, naming every compiled test file (a form every Node
 * accepts: a folder given to `node --test` is one module on Node 22 and later, and globs are not
 * read by Node 20), then checks that nothing was silently dropped: every test source file under
 * the given folders must have its compiled file, and each file must report at least as many tests
 * as it has `test(...)` / `it(...)` call sites. Exits non-zero when a test failed or a count falls
 * short.
 *
 *   node dist/scripts/test/run-tests.js src [tests ...]   (folders relative to the repository)
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const distRoot = path.join(repoRoot, "dist");

/** Every *.test.ts under `folder` (relative to the repository), sorted. */
export function testSources(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts") && !f.split(path.sep).includes("node_modules"))
    .map((f) => path.join(folder, f))
    .sort();
}

/** The number of places a source calls test(...) or it(...) with a name: the fewest tests it can run. */
export function callSites(source: string): number {
  return (source.match(/(?<![\w.])(?:test|it)\(\s*[`"']/g) ?? []).length;
}

export interface Shortfall { file: string; expected: number; ran: number }

/** Files whose reported tests are fewer than their call sites. */
export function shortfalls(expected: Map<string, number>, reported: { file: string | null }[]): Shortfall[] {
  const ran = new Map<string, number>();
  for (const r of reported) if (r.file) ran.set(r.file, (ran.get(r.file) ?? 0) + 1);
  return [...expected].filter(([file, n]) => (ran.get(file) ?? 0) < n).map(([file, n]) => ({ file, expected: n, ran: ran.get(file) ?? 0 }));
}

function main(folders: string[]): number {
  if (folders.length === 0) {
    console.error("usage: node dist/scripts/test/run-tests.js <folder> [folder ...]");
    return 2;
  }
  const expected = new Map<string, number>();
  const missing: string[] = [];
  for (const folder of folders) {
    for (const source of testSources(repoRoot, folder)) {
      const compiled = path.join(distRoot, source.replace(/\.ts$/, ".js"));
      if (!fs.existsSync(compiled)) missing.push(`${source} (no ${path.relative(repoRoot, compiled)})`);
      else expected.set(compiled, callSites(fs.readFileSync(path.join(repoRoot, source), "utf8")));
    }
  }
  if (missing.length > 0) {
    console.error(`run-tests: test files not compiled (run npm run build):\n  ${missing.join("\n  ")}`);
    return 1;
  }
  const countsDir = fs.mkdtempSync(path.join(os.tmpdir(), "run-tests-"));
  const counts = path.join(countsDir, "counts.jsonl");
  try {
    const run = spawnSync(process.execPath, [
      "--test",
      "--test-reporter=spec", "--test-reporter-destination=stdout",
      `--test-reporter=${path.join(__dirname, "count-reporter.js")}`, `--test-reporter-destination=${counts}`,
      ...expected.keys(),
    ], { stdio: "inherit" });
    const reported = fs.existsSync(counts)
      ? fs.readFileSync(counts, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { file: string | null; passed: boolean })
      : [];
    const short = shortfalls(expected, reported);
    for (const s of short) {
      console.error(`run-tests: ${path.relative(repoRoot, s.file)} has ${s.expected} test call sites but reported ${s.ran} tests`);
    }
    console.log(`run-tests: ${reported.length} tests in ${expected.size} files, ${reported.filter((r) => !r.passed).length} failed`);
    if (run.status !== 0) return run.status ?? 1;
    return short.length > 0 ? 1 : 0;
  } finally {
    fs.rmSync(countsDir, { recursive: true, force: true });
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
