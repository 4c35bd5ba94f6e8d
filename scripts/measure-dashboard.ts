/**
 * `npm run measure-dashboard`: the dashboard at scale, measured for the README. Builds a temporary
 * runs folder of 2,000 runs (200 of them unfinished, their writer gone) of 500 records each plus
 * one run of 1,000,000 records, serves it, and times each endpoint cold (first request) and warm
 * (median of 5), then the page in headless Chromium: time until the 2,000-row table is shown.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initRun } from "../src/lesson/track";
import { launchChromium } from "../src/tools/dashboard/page-driver";
import { startDashboard } from "../src/tools/dashboard/server";

const RUNS = 2000;
const UNFINISHED = 200;
const RECORDS = 500;
const LONG = 1_000_000;

function build(dir: string): string {
  for (let i = 0; i < RUNS; i++) {
    const run = initRun({ dir, project: "many", name: `run-${i}`, config: { lr: 10 ** (-5 + (i % 40) / 10), batch_size: [4, 16, 32, 64][i % 4] } });
    run.defineMetric("batch_step");
    run.defineMetric("running_loss", { stepMetric: "batch_step" });
    for (let r = 0; r < RECORDS; r++) run.log({ running_loss: 10 / (r + 1) + i * 1e-4, batch_step: r * 32 });
    if (i < RUNS - UNFINISHED) run.finish();
    else {
      const meta = path.join(run.dir, "run.json");
      fs.writeFileSync(meta, JSON.stringify({ ...JSON.parse(fs.readFileSync(meta, "utf8")), pid: 4194305 })); // its process is gone
    }
  }
  const long = initRun({ dir, project: "long", name: "million" });
  long.defineMetric("batch_step");
  long.defineMetric("running_loss", { stepMetric: "batch_step" });
  for (let r = 0; r < LONG; r++) long.log({ running_loss: 5 + Math.sin(r / 1000) + 1 / (r + 1), batch_step: r * 4 });
  long.finish();
  return long.id;
}

async function time(url: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return { ms: performance.now() - start, bytes: body.byteLength };
}

/** With `during`, that URL is also asked while the cold request is served: how long others wait meanwhile. */
async function measure(label: string, url: string, during?: string): Promise<void> {
  const coldRequest = time(url);
  let meanwhile: { ms: number } | undefined;
  if (during) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    meanwhile = await time(during);
  }
  const cold = await coldRequest;
  if (meanwhile) console.log(`(${during!.replace(/^https?:\/\/[^/]+/, "")}, asked 50 ms into this cold request, answered in ${meanwhile.ms.toFixed(0)} ms)`);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await time(url)).ms);
  warm.sort((a, b) => a - b);
  console.log(`| ${label} | ${cold.ms.toFixed(0)} | ${warm[2]!.toFixed(0)} | ${(cold.bytes / 1024).toFixed(0)} KiB |`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-scale-"));
  const started = performance.now();
  const longId = build(dir);
  console.log(`built ${RUNS} runs + one of ${LONG} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const dashboard = await startDashboard({ runsDir: dir, port: 0 });
  try {
    console.log("| request | cold ms | warm ms (median of 5) | body |\n| --- | --- | --- | --- |");
    await measure("`/api/projects`", `${dashboard.url}api/projects`);
    await measure(`\`/api/runs\`, ${RUNS} runs`, `${dashboard.url}api/runs?project=many`);
    await measure(`\`/api/figure\`, ${LONG.toLocaleString("en")} records`, `${dashboard.url}api/figure?project=long&runs=${longId}&metrics=running_loss`, `${dashboard.url}api/projects`);
    await measure("the same, zoomed to 1% of the x axis", `${dashboard.url}api/figure?project=long&runs=${longId}&metrics=running_loss&zoom=running_loss&x0=0&x1=40000`);
    let browser;
    try {
      browser = await launchChromium();
    } catch (error) {
      console.log(`(page timing skipped: ${(error as Error).message.split("\n")[0]})`);
      return;
    }
    try {
      const page = await browser.newPage();
      await page.goto(dashboard.url);
      await page.waitForSelector("#runs tbody tr");
      // Timed inside the page, so the browser driver's own round trips are not counted.
      const shown = await page.evaluate(async (n) => {
        const select = document.getElementById("project") as HTMLSelectElement;
        const start = performance.now();
        select.value = "many";
        select.dispatchEvent(new Event("change"));
        while (document.querySelectorAll("#runs tbody tr").length !== n) await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r))); // until painted
        return performance.now() - start;
      }, RUNS);
      console.log(`page: picking the project shows its ${RUNS}-row table in ${shown.toFixed(0)} ms (fetch, parse, build, paint; server caches warm)`);
      const tick = await page.evaluate(async () => {
        const row = document.querySelectorAll("#runs tbody tr")[5] as HTMLElement;
        const start = performance.now();
        row.click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        return performance.now() - start;
      });
      console.log(`page: ticking a run repaints in ${tick.toFixed(0)} ms`);
    } finally {
      await browser.close();
    }
  } finally {
    await dashboard.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
