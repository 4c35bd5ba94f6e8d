/**
 * Drives the dashboard page in headless Chromium the way a person would: tick runs, pick
 * metrics, read what the chart shows. Shared by the browser test and the screenshot script.
 */
import type { Page } from "playwright-core";

export { launchChromium } from "../../lesson/notebook/chromium";

/** Open the page and wait until the runs table is filled. */
export async function openDashboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector("#runs tbody tr");
}

/** Tick the runs with these names (in the runs table). */
export async function selectRuns(page: Page, names: string[]): Promise<void> {
  for (const name of names) {
    const box = page.locator(`#runs input[type=checkbox][data-run-name=${JSON.stringify(name)}]`); // quoted: names may hold anything
    await box.check();
  }
}

/** Make exactly these metrics the ticked ones. */
export async function selectMetrics(page: Page, metrics: string[]): Promise<void> {
  const all = await page.locator("#metrics input").evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
  for (const metric of all) {
    const chip = page.locator(`#metrics label:has(input[value="${metric}"])`);
    const checked = await chip.locator("input").isChecked();
    if (checked !== metrics.includes(metric)) await chip.click();
  }
}

/** Tick or untick the "log scale" toggle. */
export async function setLogScale(page: Page, on: boolean): Promise<void> {
  await page.locator("#log-scale").setChecked(on);
}

/** Wait until the chart holds `count` traces, and return their names. */
export async function chartTraceNames(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (n) => ((document.getElementById("chart") as unknown as { data?: unknown[] }).data ?? []).length === n,
    count,
  );
  return page.evaluate(() => ((document.getElementById("chart") as unknown as { data: Array<{ name: string }> }).data).map((t) => t.name));
}
