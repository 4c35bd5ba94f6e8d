/**
 * What a reader sees without JavaScript (GitHub, an HTML export): every figure of a stored
 * notebook must show as a PNG. Converts each notebook to HTML with nbconvert, opens it in headless
 * Chromium with scripts disabled, and counts the PNG images that actually decoded.
 * With no chapters yet, a notebook executed here stands in.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchChromium } from "../src/lesson/notebook/chromium";
import { countPlotlyOutputs, listNotebooks, readNotebook } from "../scripts/notebook-file";
import { describeFailure, executeNotebook } from "../scripts/notebook-exec";
import { notebooksDir } from "../scripts/lesson";
import { jupyterPython } from "../scripts/jupyter-env";
import { displayDemoCells, makeNotebook, tempNotebookDir, writeNotebook } from "./notebooks-fixtures";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "render-test-"));
const cleanups: string[] = [workDir];
after(() => cleanups.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Converts `file` to HTML and returns how many PNG images in it decoded to a nonzero size. */
async function visiblePngs(file: string): Promise<number> {
  const htmlName = path.basename(file, ".ipynb") + ".html";
  // Jupyter's own Python, as the lesson runner finds it (a `jupyter` on PATH may be a pyenv shim).
  execFileSync(jupyterPython(), ["-m", "nbconvert", "--to", "html", "--output-dir", workDir, "--output", htmlName, file], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto("file://" + path.join(workDir, htmlName), { waitUntil: "load" });
    const sizes = await page.locator('img[src^="data:image/png"]').evaluateAll((imgs) =>
      imgs.map((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]),
    );
    return sizes.filter(([w, h]) => w > 0 && h > 0).length;
  } finally {
    await browser.close();
  }
}

const stored = listNotebooks(notebooksDir);

for (const file of stored) {
  const name = path.basename(file);
  test(`${name}: every figure shows as a PNG without JavaScript`, async () => {
    const figures = countPlotlyOutputs(readNotebook(file));
    const shown = await visiblePngs(file);
    assert.ok(shown >= figures, `${name}: ${figures} plotly figures but only ${shown} PNG images show in the HTML`);
  });
}

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
    assert.equal(await visiblePngs(executed), 2);
  });
}
