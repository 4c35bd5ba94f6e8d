/**
 * Jupyter as a learner opens it: `npm start -- --port P --no-browser` (scripts/start-jupyter.ts).
 *   - the server serves the repository root, so every image a notebook links to answers 200;
 *   - saving a notebook through the contents API rewrites it byte for byte;
 *   - JupyterLab's settings have line numbers in code cells, by the defaults npm start ships;
 *   - in headless Chromium, JupyterLab opens chapter 5 unmodified, saves it unchanged, shows the
 *     dashboard image, turns a figure into a live plot of the PNG's size on hover, and runs all
 *     cells to an idle kernel with no error output;
 *   - in headless Chromium, a learner's loop in chapter 4: Restart and Run All, retype the rate as
 *     a literal and run all again, then a type error and a library throw typed into the settings
 *     cell show the cell's line and no tslab frames, and once removed every cell below runs.
 * The browser tests need JupyterLab (scripts/setup-jupyter.sh installs it with pip where it can)
 * and Chromium; where either is missing, they say so in one line and skip.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/lesson/paths";
import { choosePython } from "../scripts/jupyter-env";
import { joinText, listNotebooks, readNotebook } from "../scripts/notebook-file";
import { launchChromium } from "../src/tools/dashboard/page-driver";
import { findChromium } from "../src/lesson/notebook/chromium";
import { fullTraceHint } from "../scripts/kernel/runtime-errors";
import { errorOutputs, labApi, restartAndRunAll, startLabServer, stopLabServer, waitForRun, waitKernelIdle, type LabServer } from "../scripts/lab-driver";

const notebooks = listNotebooks(path.join(repoRoot, "notebooks"));

/** Every image a notebook's markdown links to (markdown `![](...)` and `<img src>`), as repo paths. */
export function linkedImages(file: string): string[] {
  const found: string[] = [];
  for (const cell of readNotebook(file).cells) {
    if (cell.cell_type !== "markdown") continue;
    const text = joinText(cell.source);
    for (const m of text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|<img[^>]*\ssrc=["']([^"']+)["']/g)) {
      const link = m[1] ?? m[2];
      if (/^(https?:|data:)/.test(link)) continue;
      found.push(path.relative(repoRoot, path.resolve(path.dirname(file), decodeURI(link))));
    }
  }
  return found;
}

/** Puts `bytes` back if the file differs, atomically (other tests read the notebooks meanwhile). */
function restore(file: string, bytes: Buffer): void {
  if (fs.readFileSync(file).equals(bytes)) return;
  const tmp = `${file}.restore-${process.pid}`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

let server: LabServer | null = null;
before(async () => {
  server = await startLabServer();
  assert.ok(server.token.length >= 32, "the URL carries a login token");
});
after(async () => stopLabServer(server));

test("every notebook's images exist, and npm start serves them (200) from the repository root", async () => {
  const images = notebooks.flatMap((f) => linkedImages(f).map((img) => ({ nb: path.basename(f), img })));
  assert.ok(images.some((i) => i.img === "images/dashboard.png"), "chapter 5 links the dashboard picture");
  assert.match(server!.openUrl, /\/notebooks\?token=/, "the printed URL opens notebooks/");
  for (const { nb, img } of images) {
    assert.ok(!img.startsWith(".."), `${nb} links ${img}, outside the repository`);
    assert.ok(fs.existsSync(path.join(repoRoot, img)), `${nb} links ${img}, which does not exist`);
    const res = await fetch(`${server!.base}/files/${img.split(path.sep).map(encodeURIComponent).join("/")}?token=${server!.token}`);
    assert.equal(res.status, 200, `${nb}: GET ${img} answered ${res.status}`);
    assert.match(res.headers.get("content-type") ?? "", /^image\//);
  }
});

test("saving each notebook through Jupyter's contents API leaves it byte-identical", async () => {
  for (const file of notebooks) {
    const rel = path.relative(repoRoot, file);
    const before = fs.readFileSync(file);
    try {
      const got = await labApi(server!, "GET", `/api/contents/${rel}?content=1&type=notebook`);
      assert.equal(got.status, 200, `GET ${rel}`);
      const model = (await got.json()) as { content: unknown };
      const put = await labApi(server!, "PUT", `/api/contents/${rel}`, { type: "notebook", format: "json", content: model.content });
      assert.equal(put.status, 200, `PUT ${rel}: ${await put.text()}`);
      assert.ok(fs.readFileSync(file).equals(before), `${rel} changed when saved through Jupyter`);
    } finally {
      restore(file, before);
    }
  }
});

test("JupyterLab in Chromium: chapter 5 opens clean, saves unchanged, shows its image, live plots on hover, runs without errors", async (t) => {
  if (skipWithoutBrowser(t)) return;
  const file = notebooks.find((f) => path.basename(f).startsWith("05"))!;
  const rel = path.relative(repoRoot, file).split(path.sep).join("/");
  const original = fs.readFileSync(file);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server!.base}/lab/tree/${rel}?token=${server!.token}`);
    const panel = page.locator(".jp-NotebookPanel:visible");
    await panel.locator(".jp-Cell").first().waitFor({ timeout: 120_000 });
    await waitKernelIdle(server!, page, 120_000);

    // Opening changed nothing: no dirty mark; saving (Ctrl+S) writes the same bytes.
    await page.waitForTimeout(1000);
    assert.equal(await page.locator(".jp-mod-dirty").count(), 0, "the notebook shows as modified right after opening");
    await panel.locator(".jp-Notebook").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+s");
    await page.waitForTimeout(1500);
    assert.ok(fs.readFileSync(file).equals(original), "saving from JupyterLab changed the file");

    // The dashboard picture (../images/dashboard.png) loads.
    const img = panel.locator('.jp-MarkdownOutput img[src*="dashboard.png"]');
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle(), { timeout: 30_000 });
    assert.ok((await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)) > 0, "chapter 5's dashboard image did not load");

    // A figure: PNG first, a live plotly chart of the same height on hover.
    const figure = panel.locator(".jp-RenderedPlotly").first();
    await figure.scrollIntoViewIfNeeded();
    const png = await figure.locator("img").first().boundingBox();
    assert.ok(png, "the figure shows its PNG first");
    await figure.hover();
    await page.mouse.move(png.x + png.width / 2, png.y + png.height / 2);
    const svg = figure.locator(".plot-container .main-svg").first();
    await svg.waitFor({ timeout: 60_000 });
    const plot = { width: Number(await svg.getAttribute("width")), height: Number(await svg.getAttribute("height")) };
    assert.deepEqual(plot, { width: png.width, height: png.height }, "the live plot has the PNG's size");

    // Run all cells; wait for an idle kernel and every cell executed; no error output.
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
    await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
    await page.waitForFunction(() => document.querySelectorAll(".jp-InputPrompt").length > 0 && !Array.from(document.querySelectorAll(".jp-InputPrompt")).some((p) => p.textContent?.includes("*")), null, {
      timeout: 600_000,
      polling: 500,
    });
    await waitKernelIdle(server!, page, 120_000);
    const errors = await panel
      .locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
      .allInnerTexts();
    assert.deepEqual(errors, [], "error outputs after running all cells");
    const unexecuted = await panel.locator(".jp-CodeCell .jp-InputPrompt").evaluateAll((ps) => ps.filter((p) => !/\[\d+\]/.test(p.textContent ?? "")).length);
    assert.equal(unexecuted, 0, "every code cell ran");
  } finally {
    await browser.close();
    restore(file, original); // in case JupyterLab autosaved the run
  }
});

test("npm start's JupyterLab numbers the lines of code cells by default", async () => {
  const res = await labApi(server!, "GET", "/lab/api/settings/@jupyterlab/notebook-extension:tracker");
  assert.equal(res.status, 200);
  const body = (await res.json()) as { schema: { properties: { codeCellConfig: { default: { lineNumbers?: boolean } } } } };
  assert.equal(body.schema.properties.codeCellConfig.default.lineNumbers, true);
});

test("JupyterLab in Chromium: chapter 4 as a learner runs it, edits the rate, makes and fixes mistakes", async (t) => {
  if (skipWithoutBrowser(t)) return;
  const file = notebooks.find((f) => path.basename(f).startsWith("04"))!;
  const rel = path.relative(repoRoot, file).split(path.sep).join("/");
  const original = fs.readFileSync(file);
  const settingLine = "const learningRate = 1e-4;";
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // `reset`: a fresh layout, not the one an earlier test left (another notebook open).
    await page.goto(`${server!.base}/lab/tree/${rel}?reset&token=${server!.token}`);
    const panel = page.locator(".jp-NotebookPanel:visible");
    await panel.locator(".jp-CodeCell", { hasText: settingLine }).waitFor({ timeout: 120_000 });
    await waitKernelIdle(server!, page, 120_000);
    const index = await panel.locator(".jp-CodeCell").evaluateAll((cells, line) => cells.findIndex((c) => c.textContent?.includes(line)), settingLine);
    assert.ok(index >= 0, `chapter 4 has a cell with ${settingLine}`);
    const settings = panel.locator(".jp-CodeCell").nth(index); // by position: its text changes below
    assert.ok(await settings.locator(".cm-lineNumbers").isVisible(), "code cells show line numbers");

    await restartAndRunAll(server!, page);
    assert.deepEqual(await errorOutputs(panel), [], "error outputs after Restart and Run All");

    // The rate retyped as a literal (its type is then the literal 0.0003), then run all again.
    await editLine(settings, settingLine, "const learningRate = 3e-4;");
    await restartAndRunAll(server!, page);
    assert.deepEqual(await errorOutputs(panel), [], "error outputs after the rate was retyped and all cells ran again");
    assert.match(await settings.locator(".jp-OutputArea-output").first().innerText(), /lr 3e-4/);

    // A type error typed as a second line: the message names that line and shows it.
    const typo = "const rateText: string = learningRate;";
    await addLineAfter(settings, "const learningRate = 3e-4;", typo);
    const typeError = await runCellForStderr(page, settings);
    const column = typo.indexOf("rateText") + 1;
    assert.equal(
      typeError.split("\n").slice(0, 3).join("\n"),
      [
        `error TS2322, line 2, column ${column}: Type 'number' is not assignable to type 'string'.`,
        `  2 | ${typo}`,
        `    | ${" ".repeat(column - 1)}${"^".repeat("rateText".length)}`,
      ].join("\n"),
    );

    // A call the library refuses: the message shows the library's line and the learner's.
    const refused = "const tooNarrow = new Dense(3, 0);";
    await editLine(settings, typo, refused);
    const thrown = await runCellForStderr(page, settings);
    assert.match(thrown, /^RangeError: Dense: outputSize must be a positive integer, got 0\n    at new Dense \(src\/lesson\/nn\/dense\.ts:\d+:\d+\)\n/);
    assert.ok(thrown.includes(`    at line 2 of this cell: ${refused}`), thrown);
    assert.ok(thrown.includes(fullTraceHint), thrown);
    for (const text of [typeError, thrown]) assert.doesNotMatch(text, /tslab[\\/]dist|node:|evalmachine|tslab-cell-/);

    // The mistake removed, the cell and every cell below it run.
    await editLine(settings, refused, "");
    await page.keyboard.press("Backspace");
    await settings.locator(".jp-InputArea").click();
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
    await page.locator(".lm-Menu-itemLabel", { hasText: /^Run Selected Cell and All Below$/ }).click();
    await waitForRun(server!, page);
    assert.deepEqual(await errorOutputs(panel), [], "error outputs after the mistakes were removed");
    const unexecuted = await panel.locator(".jp-CodeCell .jp-InputPrompt").evaluateAll((ps) => ps.filter((p) => !/\[\d+\]/.test(p.textContent ?? "")).length);
    assert.equal(unexecuted, 0, "every code cell ran");
  } finally {
    await browser.close();
    restore(file, original); // JupyterLab may have autosaved the edits
  }
});

type Page = import("playwright-core").Page;
type Locator = import("playwright-core").Locator;

/** Replaces the line reading `from` in `cell`'s editor by `to`, as a person selects and types. */
async function editLine(cell: Locator, from: string, to: string): Promise<void> {
  await cell.locator(".cm-line", { hasText: from }).click();
  await cell.page().keyboard.press("End");
  await cell.page().keyboard.press("Shift+Home");
  if (to === "") await cell.page().keyboard.press("Delete");
  else await cell.page().keyboard.insertText(to);
}

/** Types `line` on a new line after the line reading `after`. */
async function addLineAfter(cell: Locator, after: string, line: string): Promise<void> {
  await cell.locator(".cm-line", { hasText: after }).click();
  await cell.page().keyboard.press("End");
  await cell.page().keyboard.press("Enter");
  await cell.page().keyboard.insertText(line);
}

/** Runs the cell being edited (Ctrl+Enter) and returns its stderr once it has run. */
async function runCellForStderr(page: Page, cell: Locator): Promise<string> {
  const prompt = cell.locator(".jp-InputPrompt");
  const before = await prompt.textContent();
  await page.keyboard.press("Control+Enter");
  // Each run takes the next execution count, failed or not.
  await page.waitForFunction(([el, was]) => el!.textContent !== was && !el!.textContent!.includes("*"), [await prompt.elementHandle(), before] as const, { timeout: 120_000, polling: 100 });
  await waitKernelIdle(server!, page, 120_000);
  const stderr = cell.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  return (await stderr.allInnerTexts()).join("\n");
}

/** Skips `t` with a one-line notice when JupyterLab or Chromium is missing; true when skipped. */
function skipWithoutBrowser(t: { skip(why: string): void }): boolean {
  const why = choosePython({ lab: true }) === null
    ? 'no Python here has JupyterLab (install: python3 -m venv .jupyter-venv && .jupyter-venv/bin/pip install jupyterlab "plotly>=6.1")'
    : findChromium() === null
      ? "no Chromium (install it, or set CHROMIUM_PATH)"
      : null;
  if (why === null) return false;
  console.error(`*** SKIPPED a JupyterLab browser test: ${why} ***`);
  t.skip(why);
  return true;
}
