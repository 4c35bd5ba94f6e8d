/**
 * What a reader sees without JavaScript (GitHub, an HTML export): every figure of a stored
 * notebook must show as a PNG. Converts the notebooks to HTML with nbconvert (one run for all of
 * them), opens each in headless Chromium (one browser for all) with scripts disabled, and counts
 * the PNG images that actually decoded. With no chapters yet, a notebook executed here stands in.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { launchChromium } from "../src/lesson/notebook/chromium";
import { countPlotlyOutputs, listNotebooks, readNotebook } from "../scripts/notebook-file";
import { describeFailure, executeNotebook } from "../scripts/notebook-exec";
import { notebooksDir } from "../scripts/lesson";
import { jupyterPython } from "../scripts/jupyter-env";
import { displayDemoCells, makeNotebook, tempNotebookDir, writeNotebook } from "./notebooks-fixtures";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "render-test-"));
const cleanups: string[] = [workDir];
let browser: Promise<Browser> | null = null;
after(async () => {
  await (await browser)?.close();
  cleanups.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** Converts `files` to HTML in workDir, in one nbconvert run; returns the HTML paths. */
async function toHtml(files: string[]): Promise<string[]> {
  // Jupyter's own Python, as the lesson runner finds it (a `jupyter` on PATH may be a pyenv shim).
  await promisify(execFile)(jupyterPython(), ["-m", "nbconvert", "--to", "html", "--output-dir", workDir, ...files], {
    env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
  return files.map((f) => path.join(workDir, path.basename(f, ".ipynb") + ".html"));
}

/** How many PNG images in the HTML page `html` decoded to a nonzero size. */
async function visiblePngs(html: string): Promise<number> {
  const page = await (await (browser ??= launchChromium())).newPage({ javaScriptEnabled: false });
  try {
    await page.goto("file://" + html, { waitUntil: "load" });
    const sizes = await page.locator('img[src^="data:image/png"]').evaluateAll((imgs) =>
      imgs.map((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]),
    );
    return sizes.filter(([w, h]) => w > 0 && h > 0).length;
  } finally {
    await page.close();
  }
}

const stored = listNotebooks(notebooksDir);
let storedHtml: Promise<string[]> | null = null; // converted by the first test that asks

stored.forEach((file, index) => {
  const name = path.basename(file);
  test(`${name}: every figure shows as a PNG without JavaScript`, async () => {
    const figures = countPlotlyOutputs(readNotebook(file));
    const shown = await visiblePngs((await (storedHtml ??= toHtml(stored)))[index]);
    assert.ok(shown >= figures, `${name}: ${figures} plotly figures but only ${shown} PNG images show in the HTML`);
  });
});

if (stored.length === 0) {
  test("a freshly executed notebook's figure shows as a PNG without JavaScript", async () => {
    const dir = tempNotebookDir();
    cleanups.push(dir);
    const source = path.join(dir, "figure.ipynb");
    writeNotebook(source, makeNotebook([...displayDemoCells.slice(0, 2), displayDemoCells[1]]));
    const executed = path.join(workDir, "figure.ipynb");
    const result = await executeNotebook(source, executed);
    assert.ok(result.ok, result.ok ? "" : describeFailure("figure.ipynb", result));
    assert.equal(countPlotlyOutputs(readNotebook(executed)), 2);
    assert.equal(await visiblePngs((await toHtml([executed]))[0]), 2);
  });
}
