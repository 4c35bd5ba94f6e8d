/**
 * `show(figure)`: one notebook output holding the interactive plotly figure, a PNG of it (what
 * GitHub and HTML exports display, since they run no scripts) and a text description.
 */
import fs from "node:fs";
import { Figure, describeFigure } from "./figure";
import { ImageSize, defaultImageSize, renderPng } from "./render";
import { chromiumInstallHint, findChromium } from "./chromium";
import { displayOutput, inTslab } from "./tslab-output";
import { downsampleFigure } from "./downsample";
import { readableLogAxes } from "./figure-style";

export const plotlyMime = "application/vnd.plotly.v1+json";

export interface ShowOptions extends Partial<ImageSize> {
  /** Outside a notebook: also write the PNG to this path. */
  file?: string;
}

let warnedNoChromium = false;

function noChromiumNote(): void {
  if (warnedNoChromium) return;
  warnedNoChromium = true;
  process.stderr.write(`note: static PNG of figures skipped (no Chromium found); to add it, ${chromiumInstallHint}\n`);
}

/** The MIME bundle `show` emits; `png` is null when Chromium is missing. */
export function figureBundle(figure: Figure, png: Buffer | null): Record<string, unknown> {
  // A plain JSON copy: typed arrays and class instances would not survive the Jupyter message.
  const bundle: Record<string, unknown> = { [plotlyMime]: JSON.parse(JSON.stringify(figure)) };
  if (png) bundle["image/png"] = png.toString("base64");
  bundle["text/plain"] = describeFigure(figure);
  return bundle;
}

/**
 * Displays `figure` in the running tslab notebook.
 * Outside tslab: writes the PNG to `options.file` if given, and prints a one-line summary.
 */
export async function show(original: Figure, options: ShowOptions = {}): Promise<void> {
  // One height for the live plot and the PNG: the option, else the figure's own, else the default.
  const layoutHeight = typeof original.layout.height === "number" ? original.layout.height : undefined;
  const size = { width: options.width ?? defaultImageSize.width, height: options.height ?? layoutHeight ?? defaultImageSize.height };
  // Long traces are thinned for storage (LTTB keeps their shape); the PNG is drawn from the same data.
  const figure = downsampleFigure(readableLogAxes({ ...original, layout: { ...original.layout, height: size.height } }));
  const wantPng = inTslab() || options.file !== undefined;
  let png: Buffer | null = null;
  if (wantPng) {
    if (findChromium() === null) noChromiumNote();
    else png = await renderPng(figure, size);
  }
  if (displayOutput(figureBundle(figure, png))) return;
  if (options.file && png) {
    fs.writeFileSync(options.file, png);
    console.log(`${describeFigure(figure)} -> ${options.file}`);
  } else {
    console.log(describeFigure(figure));
  }
}
