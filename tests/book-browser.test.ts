/**
 * The built book in headless Chromium, opened from disk and from the local server: every chapter
 * loads without a console error, draws a plotly plot for each stored figure, leaves no raw `$`,
 * requests nothing outside the site and fits its window (a phone's, from the server), and with
 * JavaScript off shows every PNG. Screenshots go to a temporary folder named in the log. Skipped, with a notice, when no Chromium is installed.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { buildBook, type BuiltChapter } from "../src/tools/book/build-book";
import { serveBook, type BookServer } from "../src/tools/book/static-server";
import { findChromium, launchChromium } from "../src/lesson/notebook/chromium";

const repoRoot = path.resolve(__dirname, "..", "..");
const chromium = findChromium();
const skip = chromium === null ? "no Chromium found: book browser tests skipped" : false;
if (skip) console.log(skip);

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "book-browser-"));
const shotDir = fs.mkdtempSync(path.join(os.tmpdir(), "book-shots-"));
let chapters: BuiltChapter[] = [];
if (!skip) console.log(`book screenshots: ${shotDir}`);
let browser: Browser;
let server: BookServer;

before(async () => {
  if (skip) return;
  chapters = buildBook({ root: repoRoot, outDir, repository: "owner/repo", branch: "main" });
  server = await serveBook(outDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit { errors: string[]; outside: string[] }

/** Open `url`, recording console errors and every request that leaves `siteBase`. */
async function visit(page: Page, url: string, siteBase: string): Promise<Visit> {
  const visitLog: Visit = { errors: [], outside: [] };
  page.on("console", (message) => { if (message.type() === "error") visitLog.errors.push(message.text()); });
  page.on("pageerror", (error) => visitLog.errors.push(error.message));
  page.on("request", (request) => {
    const target = request.url();
    if (!target.startsWith(siteBase) && !target.startsWith("data:") && !target.startsWith("blob:")) visitLog.outside.push(target);
  });
  await page.goto(url, { waitUntil: "load" });
  return visitLog;
}

/** The page's visible text without rendered math, code and outputs (where `$` may stand). */
const proseText = (page: Page) => page.evaluate(() => {
  const copy = document.body.cloneNode(true) as HTMLElement;
  copy.querySelectorAll(".katex, pre, code, script, .plot").forEach((el) => el.remove());
  return copy.textContent ?? "";
});

/** From disk on a desktop-sized window; from the server on a phone-sized one. */
async function checkChapter(origin: "file" | "server", chapter: BuiltChapter): Promise<void> {
  const width = origin === "file" ? 1200 : 390;
  const page = await browser.newPage({ viewport: { width, height: 860 } });
  const siteBase = origin === "file" ? pathToFileURL(outDir).href : server.url;
  const url = origin === "file" ? pathToFileURL(path.join(outDir, chapter.page)).href : `${server.url}${chapter.page}`;
  const seen = await visit(page, url, siteBase);
  await page.waitForFunction((n) => document.querySelectorAll(".plot-area.js-plotly-plot .main-svg").length >= n, chapter.figures);
  assert.equal(await page.locator(".plot-area.js-plotly-plot").count(), chapter.figures, `${chapter.page}: a plotly plot per stored figure`);
  assert.ok((await page.locator(".katex").count()) > 0, `${chapter.page} has rendered math`);
  assert.doesNotMatch(await proseText(page), /\$/, `${chapter.page}: no raw $ in the prose`);
  assert.deepEqual(seen.errors, [], `${chapter.page}: console errors`);
  assert.deepEqual(seen.outside, [], `${chapter.page}: requests outside the site`);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    widestPlot: Math.max(0, ...Array.from(document.querySelectorAll(".plot-area")).map((el) => el.getBoundingClientRect().right)),
  }));
  assert.ok(widths.page <= width, `${chapter.page}: the page is ${widths.page}px wide in a ${width}px window`);
  assert.ok(widths.widestPlot <= width, `${chapter.page}: a figure reaches ${widths.widestPlot}px in a ${width}px window`);
  await page.screenshot({ path: path.join(shotDir, `${origin}-${chapter.page.replace(".html", ".png")}`) });
  await page.close();
}

test("every chapter opened from disk draws every figure, with no console error or outside request", { skip }, async () => {
  for (const chapter of chapters) await checkChapter("file", chapter);
});

test("every chapter served from 127.0.0.1 to a phone-sized window draws every figure within its width, with no console error or outside request", { skip }, async () => {
  for (const chapter of chapters) await checkChapter("server", chapter);
});

test("with JavaScript off every figure's PNG is shown, with alt text", { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  for (const chapter of chapters) {
    const page = await context.newPage();
    await page.goto(`${server.url}${chapter.page}`, { waitUntil: "load" });
    const images = await page.locator(".plot img").evaluateAll((imgs) =>
      (imgs as HTMLImageElement[]).map((img) => ({ shown: img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0, alt: img.alt })));
    assert.equal(images.length, chapter.figures, chapter.page);
    for (const image of images) {
      assert.ok(image.shown, `${chapter.page}: a PNG is shown`);
      assert.ok(image.alt.length > 0, `${chapter.page}: a PNG has alt text`);
    }
    await page.close();
  }
  await context.close();
});
