/** Static PNG pictures of plotly figures, drawn by plotly.js itself in headless Chromium. */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { Figure } from "./figure";
import { chromiumInstallHint, findChromium, withBrowser } from "./chromium";
import { inTslab } from "./tslab-output";

export interface ImageSize {
  width: number;
  height: number;
}

/** Big enough to read, small enough that a notebook with 8 figures stays well under 1 MB. */
export const defaultImageSize: ImageSize = { width: 860, height: 480 };

let plotlySource: string | null = null;

function plotlyScript(): string {
  plotlySource ??= fs.readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
  return plotlySource;
}

/** One page per browser with plotly.js already loaded, reused for every figure. */
const pages = new WeakMap<Browser, Promise<Page>>();

function plotlyPage(browser: Browser): Promise<Page> {
  let page = pages.get(browser);
  if (!page) {
    page = (async () => {
      const p = await browser.newPage();
      await p.setContent("<!doctype html><html><body></body></html>");
      await p.addScriptTag({ content: plotlyScript() });
      return p;
    })();
    pages.set(browser, page);
  }
  return page;
}

/**
 * Renders `figure` to PNG bytes at `size` (scale 1).
 * Throws naming the fix when no Chromium is installed.
 */
export async function renderPng(figure: Figure, size: ImageSize = defaultImageSize): Promise<Buffer> {
  const executable = findChromium();
  if (executable === null) throw new Error(`renderPng: no Chromium found; ${chromiumInstallHint}`);
  return withBrowser(executable, inTslab(), async (browser) => {
    const page = await plotlyPage(browser);
    const dataUrl = await page.evaluate(
      async ({ fig, width, height }) => {
        const plotly = (globalThis as unknown as { Plotly: { toImage: (f: unknown, o: unknown) => Promise<string> } }).Plotly;
        return plotly.toImage(fig, { format: "png", width, height, scale: 1 });
      },
      { fig: { data: figure.data, layout: figure.layout, config: figure.config ?? {} }, width: size.width, height: size.height },
    );
    const prefix = "data:image/png;base64,";
    if (!dataUrl.startsWith(prefix)) throw new Error(`renderPng: plotly returned ${dataUrl.slice(0, 40)}..., not a PNG`);
    return Buffer.from(dataUrl.slice(prefix.length), "base64");
  });
}
