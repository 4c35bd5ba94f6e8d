/**
 * Static PNG pictures of plotly figures, drawn by plotly.js itself in headless Chromium: here, or
 * by the lesson runner's render service when it announces one in $LESSON_RENDER_URL.
 */
import fs from "node:fs";
import http from "node:http";
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
 * The variable through which the lesson runner tells its kernels where its render service
 * listens (scripts/render-service.ts): one Chromium with plotly.js loaded serves every notebook,
 * instead of each kernel launching its own and loading plotly.js (1 to 2 s each).
 */
export const renderServiceVariable = "LESSON_RENDER_URL";

/**
 * Renders `figure` to PNG bytes at `size` (scale 1), by the runner's render service when there is
 * one, else here. Throws naming the fix when no Chromium is installed.
 */
export async function renderPng(figure: Figure, size: ImageSize = defaultImageSize): Promise<Buffer> {
  const service = process.env[renderServiceVariable];
  if (service) {
    // A service that is gone or failing costs only speed: the figure is drawn here instead.
    const png = await requestRender(service, figure, size).catch(() => null);
    if (png) return png;
  }
  return renderPngHere(figure, size, inTslab());
}

/** Renders in this process's shared browser; `keepOpen` as for `withBrowser`. */
export async function renderPngHere(figure: Figure, size: ImageSize, keepOpen: boolean): Promise<Buffer> {
  const executable = findChromium();
  if (executable === null) throw new Error(`renderPng: no Chromium found; ${chromiumInstallHint}`);
  return withBrowser(executable, keepOpen, async (browser) => {
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

/** Launches the kept-open browser and loads plotly.js now, so the first figure need not wait. */
export async function prepareRenderer(): Promise<void> {
  const executable = findChromium();
  if (executable !== null) await withBrowser(executable, true, (browser) => plotlyPage(browser));
}

/** What a render service is asked: `{ figure, size }` as JSON; it answers the PNG bytes. */
export interface RenderRequest {
  figure: Figure;
  size: ImageSize;
}

function requestRender(url: string, figure: Figure, size: ImageSize): Promise<Buffer> {
  const body = JSON.stringify({ figure: { data: figure.data, layout: figure.layout, config: figure.config }, size } satisfies RenderRequest);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const bytes = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(bytes);
        else reject(new Error(`render service: ${res.statusCode} ${bytes.toString("utf8").slice(0, 200)}`));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
