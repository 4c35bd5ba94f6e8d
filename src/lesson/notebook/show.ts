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

/**
 * The size a figure is shown at, PNG and live plot alike: `show`'s options, else the figure's own
 * layout width/height, else 860 x 480.
 */
export function figureSize(figure: Figure, options: Partial<ImageSize> = {}): ImageSize {
  const layout = (figure.layout ?? {}) as { width?: unknown; height?: unknown };
  const own = (v: unknown) => (typeof v === "number" && v > 0 ? v : undefined);
  return {
    width: options.width ?? own(layout.width) ?? defaultImageSize.width,
    height: options.height ?? own(layout.height) ?? defaultImageSize.height,
  };
}

/**
 * The MIME bundle `show` emits; `png` is null when Chromium is missing. The plotly layout carries
 * the PNG's width and height, so the live plot JupyterLab draws on hover keeps the size of the
 * picture it replaces.
 */
export function figureBundle(figure: Figure, png: Buffer | null, size: ImageSize = figureSize(figure)): Record<string, unknown> {
  // A plain JSON copy: typed arrays and class instances would not survive the Jupyter message.
  const plain = JSON.parse(JSON.stringify(figure)) as { layout?: Record<string, unknown> };
  plain.layout = { ...(plain.layout ?? {}), width: size.width, height: size.height };
  const bundle: Record<string, unknown> = { [plotlyMime]: plain };
  if (png) bundle["image/png"] = png.toString("base64");
  bundle["text/plain"] = describeFigure(figure);
  return bundle;
}

/**
 * Displays `figure` in the running tslab notebook.
 * Outside tslab: writes the PNG to `options.file` if given, and prints a one-line summary.
 */
export async function show(original: Figure, options: ShowOptions = {}): Promise<void> {
  const size = figureSize(original, options);
  // Every log axis gets readable ticks, and long traces are thinned for storage (LTTB keeps their
  // shape); the PNG is drawn from the same figure.
  const figure = downsampleFigure(readableLogAxes(original));
  const wantPng = inTslab() || options.file !== undefined;
  let png: Buffer | null = null;
  if (wantPng) {
    if (findChromium() === null) noChromiumNote();
    else png = await renderPng(figure, size);
  }
  if (displayOutput(figureBundle(figure, png, size))) return;
  if (options.file && png) {
    fs.writeFileSync(options.file, png);
    console.log(`${describeFigure(figure)} -> ${options.file}`);
  } else {
    console.log(describeFigure(figure));
  }
}
