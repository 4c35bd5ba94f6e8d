/**
 * The dashboard as a person uses it, in headless Chromium: generated runs, tick two, the chart
 * shows one trace per run with the run's name. Needs /usr/bin/chromium (or $CHROMIUM_PATH);
 * without it these tests fail, saying how to install it.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { chartTraceNames, launchChromium, openDashboard, selectMetrics, selectRuns } from "../src/tools/dashboard/page-driver";
import { startDashboard } from "../src/tools/dashboard/server";
import { initRun } from "../src/lesson/track";

/** Serve `runsDir`, open a page on it, run `work`, and always close browser and server. */
async function withPage(runsDir: string, work: (page: Page, url: string) => Promise<void>): Promise<void> {
  const browser = await launchChromium(); // throws "Chromium not found ... install it" when missing
  try {
    const dashboard = await startDashboard({ runsDir, port: 0 });
    try {
      await work(await browser.newPage(), dashboard.url);
    } finally {
      await dashboard.close();
    }
  } finally {
    await browser.close();
  }
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function generateRuns(dir: string): void {
  for (const batchSize of [4, 32, 64]) {
    const run = initRun({ dir, project: "optimizers", name: `sgd-bs${batchSize}`, config: { batch_size: batchSize, lr: 1e-4 } });
    run.defineMetric("batch_step");
    run.defineMetric("epoch");
    run.defineMetric("running_loss", { stepMetric: "batch_step" });
    run.defineMetric("valid_loss", { stepMetric: "epoch" });
    for (let epoch = 0; epoch < 5; epoch++) {
      for (let seen = batchSize; seen <= 40; seen += batchSize) run.log({ running_loss: 100 / (epoch + 1) + seen / batchSize, batch_step: epoch * 40 + seen });
      run.log({ epoch, valid_loss: 50 / (epoch + 1) + batchSize / 10 });
    }
    run.finish();
  }
}

test("picking two runs overlays them in the chart, named after the runs", async () => {
  const runsDir = tempDir("dash-browser-");
  generateRuns(runsDir);
  await withPage(runsDir, async (page, url) => {
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await openDashboard(page, url);
    assert.equal(await page.locator("#runs tbody tr").count(), 3);
    await selectRuns(page, ["sgd-bs4", "sgd-bs32"]);
    await selectMetrics(page, ["valid_loss"]);
    assert.deepEqual(await chartTraceNames(page, 2), ["sgd-bs4", "sgd-bs32"]);
    assert.equal(await page.locator("#chart .xtitle").textContent(), "epoch");

    await selectMetrics(page, ["running_loss", "valid_loss"]);
    assert.deepEqual(await chartTraceNames(page, 4), ["sgd-bs4", "sgd-bs32", "sgd-bs4", "sgd-bs32"]);
    assert.deepEqual(pageErrors, []);
  });
});

test("an empty runs folder shows how to create a run", async () => {
  const runsDir = tempDir("dash-empty-");
  await withPage(runsDir, async (page, url) => {
    await page.goto(url);
    await page.waitForSelector("#empty:not([hidden])");
    const text = (await page.locator("#empty").textContent()) ?? "";
    assert.match(text, /No runs yet/);
    assert.match(text, /initRun\(\{ project: "optimizers"/);
    assert.ok(text.includes(path.basename(runsDir)), "names the folder it reads");
    assert.ok(!text.includes(runsDir), "without its absolute path");
  });
});

test("a run in progress is redrawn as it logs", async () => {
  const runsDir = tempDir("dash-live-");
  const run = initRun({ dir: runsDir, project: "live", name: "growing" });
  run.defineMetric("epoch");
  run.defineMetric("valid_loss", { stepMetric: "epoch" });
  run.log({ epoch: 0, valid_loss: 9 });
  try {
    await withPage(runsDir, async (page, url) => {
      await openDashboard(page, url);
      assert.match((await page.locator("#runs tbody tr").textContent()) ?? "", /running/);
      await selectRuns(page, ["growing"]);
      assert.deepEqual(await chartTraceNames(page, 1), ["growing"]);
      run.log({ epoch: 1, valid_loss: 8 });
      run.log({ epoch: 2, valid_loss: 7 });
      // The page polls; wait (no fixed sleep) until the trace has the new points.
      await page.waitForFunction(() => (document.getElementById("chart") as unknown as { data: Array<{ x: number[] }> }).data[0].x.length === 3);
      run.finish();
      await page.waitForFunction(() => document.querySelector("#runs .state")?.textContent === "finished");
    });
  } finally {
    run.finish();
  }
});

test("run states look distinct, a failed run shows its reason, and a sweep plots final loss against its hyperparameter", async () => {
  const runsDir = tempDir("dash-states-");
  const make = (name: string, lr: number, sweep: string | undefined, end: (run: ReturnType<typeof initRun>) => void) => {
    const run = initRun({ dir: runsDir, project: "states", name, config: { lr }, sweep });
    run.defineMetric("epoch");
    run.defineMetric("valid_loss", { stepMetric: "epoch" });
    run.log({ epoch: 0, valid_loss: 10 * lr });
    end(run);
    return run;
  };
  make("ok-a", 1, "20240101-000000-abcdef", (r) => r.finish());
  make("ok-b", 2, "20240101-000000-abcdef", (r) => r.finish());
  make("diverged", 3, "20240101-000000-abcdef", (r) => r.fail("diverged: the loss became Infinity at epoch 0, step 7"));
  const abandoned = make("abandoned", 4, undefined, () => {});
  const meta = path.join(abandoned.dir, "run.json");
  fs.writeFileSync(meta, JSON.stringify({ ...JSON.parse(fs.readFileSync(meta, "utf8")), pid: 4194305 })); // a writer that is gone
  const live = make("live", 5, undefined, () => {});
  try {
    await withPage(runsDir, async (page, url) => {
      await openDashboard(page, url);
      const badges = await page.locator("#runs .state").evaluateAll((els) => els.map((e) => [e.className, e.textContent, getComputedStyle(e).backgroundColor]));
      const byState = new Map(badges.map(([cls, text, colour]) => [text, { cls, colour }]));
      assert.deepEqual([...byState.keys()].sort(), ["failed", "finished", "running", "unfinished"]);
      assert.equal(new Set([...byState.values()].map((b) => b.colour)).size, 4, "four different colours");
      assert.match((await page.locator("#runs").textContent()) ?? "", /diverged: the loss became Infinity at epoch 0, step 7/);
      await page.waitForSelector("#sweep-view:not([hidden])");
      await page.waitForFunction(() => ((document.getElementById("sweep-chart") as unknown as { data?: unknown[] }).data ?? []).length === 2);
      const traces = await page.evaluate(() => (document.getElementById("sweep-chart") as unknown as { data: Array<{ name: string; x: number[] }> }).data.map((t) => [t.name, t.x]));
      assert.deepEqual(traces, [["finished", [1, 2]], ["failed", [3]]], "the run outside the sweep is not in it");
    });
  } finally {
    live.finish();
  }
});

test("zooming into a long trace brings back its full resolution", async () => {
  const runsDir = tempDir("dash-zoom-");
  const run = initRun({ dir: runsDir, project: "long", name: "long" });
  run.defineMetric("batch_step");
  run.defineMetric("running_loss", { stepMetric: "batch_step" });
  for (let i = 0; i < 50_000; i++) run.log({ running_loss: 5 + Math.sin(i / 40), batch_step: i });
  run.finish();
  await withPage(runsDir, async (page, url) => {
    await openDashboard(page, url);
    await selectRuns(page, ["long"]);
    const points = () => page.evaluate(() => (document.getElementById("chart") as unknown as { data: Array<{ x: number[] }> }).data[0]!.x.length);
    await page.waitForFunction(() => ((document.getElementById("chart") as unknown as { data?: Array<{ x: number[] }> }).data ?? [])[0]?.x.length === 2000);
    await page.evaluate(() => (window as unknown as { Plotly: { relayout(el: unknown, u: unknown): Promise<void> } }).Plotly.relayout(document.getElementById("chart"), { "xaxis.range": [10_000, 10_999] }));
    await page.waitForFunction(() => (document.getElementById("chart") as unknown as { data: Array<{ x: number[] }> }).data[0]!.x.length === 1002);
    assert.equal(await points(), 1002, "every point in the zoomed range, plus one each side");
    assert.match((await page.locator("#downloads").textContent()) ?? "", /long · running_loss/);
  });
});

test("names, configs and reasons are shown as text, never run as HTML", async () => {
  const runsDir = tempDir("dash-inject-");
  const evil = `<img src=x onerror="window.__pwned=1">"'&`;
  const run = initRun({ dir: runsDir, project: "inject", name: evil, config: { [evil]: evil, lr: 1 } });
  run.log({ loss: 1 });
  run.fail(evil);
  await withPage(runsDir, async (page, url) => {
    await openDashboard(page, url);
    const text = (await page.locator("#runs").textContent()) ?? "";
    assert.ok(text.includes(evil), "shown literally");
    assert.equal(await page.locator("#runs img").count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await selectRuns(page, [evil]);
    assert.deepEqual(await chartTraceNames(page, 1), [evil]);
  });
});
