/**
 * `npm run screenshot`: trains the lesson's batch-size runs (SGD, batch 4 vs 32, lr 1e-4,
 * 100 epochs) into a temporary runs folder, opens the dashboard in headless Chromium, ticks both
 * runs with running_loss and valid_loss on a log scale, and saves the page as images/dashboard.png.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runConfig, withDefaults } from "../src/index";
import { toSnakeCase } from "../src/lesson/train/snake-case";
import { repoRoot } from "../src/lesson/paths";
import { initRun } from "../src/lesson/track";
import { chartTraceNames, launchChromium, openDashboard, selectMetrics, selectRuns, setLogScale } from "../src/tools/dashboard/page-driver";
import { startDashboard } from "../src/tools/dashboard/server";

async function main(): Promise<void> {
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-shot-"));
  const names: string[] = [];
  for (const batchSize of [4, 32]) {
    const config = { optimizer: "sgd" as const, lr: 1e-4, batchSize, epochs: 100 };
    const run = initRun({ dir: runsDir, project: "optimizers", name: `sgd-bs${batchSize}`, config: { ...toSnakeCase(withDefaults(config)) } });
    runConfig(config, { logger: run });
    names.push(run.name);
    console.log(`trained ${run.name}: ${run.records} records`);
  }
  const dashboard = await startDashboard({ runsDir, port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    await openDashboard(page, dashboard.url);
    await selectRuns(page, names);
    await selectMetrics(page, ["running_loss", "valid_loss"]);
    await setLogScale(page, true);
    await page.waitForFunction(() => (document.getElementById("chart") as unknown as { layout: { yaxis: { type: string } } }).layout?.yaxis?.type === "log");
    const traces = await chartTraceNames(page, 4);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const out = path.join(repoRoot, "images", "dashboard.png");
    await page.screenshot({ path: out, fullPage: true });
    console.log(`saved ${path.relative(repoRoot, out)} (traces: ${traces.join(", ")})`);
  } finally {
    await browser.close();
    await dashboard.close();
    fs.rmSync(runsDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`screenshot: ${(error as Error).message}`);
  process.exit(1);
});
