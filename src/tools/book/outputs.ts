/**
 * A code cell's stored outputs as HTML, in the notebook's order: text as preformatted lines (a
 * ✓ claim line marked as such), tables as the notebook's HTML, and each plotly figure as a
 * placeholder the page script draws into, with the stored PNG shown when JavaScript is off.
 */
import type { Output } from "./notebook-file";
import { escapeHtml, scriptJson } from "./html-text";

export interface FigureImage {
  /** File name under the site's images/ folder. */
  name: string;
  /** The image's bytes (a PNG for figures; a prose image as stored). */
  png: Buffer;
}

export interface RenderedOutputs {
  html: string;
  images: FigureImage[];
}

const plotlyType = "application/vnd.plotly.v1+json";

function textLines(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return lines.map((line) => (line.startsWith("✓") ? `<span class="claim">${escapeHtml(line)}</span>` : escapeHtml(line))).join("\n");
}

function plainText(data: Record<string, unknown>): string {
  const plain = data["text/plain"];
  return Array.isArray(plain) ? plain.join("") : typeof plain === "string" ? plain : "";
}

function pngOf(data: Record<string, unknown>, where: string): Buffer {
  const png = data["image/png"];
  const base64 = Array.isArray(png) ? png.join("") : png;
  if (typeof base64 !== "string" || base64.length === 0) throw new Error(`${where}: a figure has no stored PNG`);
  return Buffer.from(base64.replace(/\s+/g, ""), "base64");
}

/** `figureId` names the figure (unique in the page) and its image file. */
function figure(data: Record<string, unknown>, figureId: string, where: string): RenderedOutputs {
  const spec = data[plotlyType] as { data?: unknown; layout?: unknown } | undefined;
  if (!spec || !Array.isArray(spec.data) || typeof spec.layout !== "object") throw new Error(`${where}: a plotly figure has no data or layout`);
  const name = `${figureId}.png`;
  const alt = plainText(data) || "figure";
  const img = `<img src="images/${name}" alt="${escapeHtml(alt)}" loading="lazy">`;
  const html = `<figure class="plot" id="${figureId}">` +
    `<div class="plot-area" data-figure="${figureId}"><noscript>${img}</noscript></div>` +
    `<script type="application/json" class="figure-spec" data-figure="${figureId}">${scriptJson({ data: spec.data, layout: spec.layout })}</script>` +
    `</figure>`;
  return { html, images: [{ name, png: pngOf(data, where) }] };
}

export function renderOutputs(outputs: Output[], figureIdPrefix: string, where: string): RenderedOutputs {
  const parts: string[] = [];
  const images: FigureImage[] = [];
  let pendingStream = "";
  const flush = () => {
    if (pendingStream) parts.push(`<pre class="output">${textLines(pendingStream)}</pre>`);
    pendingStream = "";
  };
  for (const output of outputs) {
    if (output.kind === "stream") {
      pendingStream += output.text.endsWith("\n") ? output.text : `${output.text}\n`;
      continue;
    }
    flush();
    if (output.kind === "error") {
      parts.push(`<pre class="output error">${escapeHtml(output.text)}</pre>`);
    } else if (plotlyType in output.data) {
      const rendered = figure(output.data, `${figureIdPrefix}-${images.length + 1}`, where);
      parts.push(rendered.html);
      images.push(...rendered.images);
    } else if ("text/html" in output.data) {
      const html = output.data["text/html"];
      parts.push(`<div class="output table">${Array.isArray(html) ? html.join("") : String(html)}</div>`);
    } else if ("text/plain" in output.data) {
      parts.push(`<pre class="output">${textLines(plainText(output.data))}</pre>`);
    } else {
      throw new Error(`${where}: an output has none of the types the book shows (${Object.keys(output.data).join(", ")})`);
    }
  }
  flush();
  return { html: parts.join("\n"), images };
}
