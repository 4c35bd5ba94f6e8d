import type { Figure, Trace } from "./figure";
import { figureTitle } from "./figure";

/**
 * Several figures as panels of one, left to right, each keeping its own axes (and equal scales,
 * if it had them); a panel's title becomes a label above it. One picture instead of several keeps
 * a comparison in view and the stored notebook small. With `legend`, the panels share one legend
 * (a name repeated across panels is listed once and keeps one colour, so give the same series the
 * same name); without
 * it, the panel titles name what each shows. Contour plots keep every other level: the panels
 * are narrower than a whole figure, and the lines would crowd.
 */
export function sideBySide(title: string, panels: readonly Figure[], options: { gap?: number; legend?: boolean } = {}): Figure {
  if (panels.length === 0) throw new RangeError("sideBySide: no panels");
  const gap = options.gap ?? 0.04;
  const width = (1 - gap * (panels.length - 1)) / panels.length;
  const data: Trace[] = [];
  const seen = new Set<string>();
  const layout: Record<string, unknown> = { ...panels[0]!.layout, title: { text: title }, annotations: [], showlegend: options.legend ?? false };
  panels.forEach((panel, k) => {
    const suffix = k === 0 ? "" : String(k + 1);
    const domain = [k * (width + gap), k * (width + gap) + width];
    for (const original of panel.data) {
      const trace = thinContours(original, panels.length);
      const name = trace.name ?? "";
      const repeated = seen.has(name);
      seen.add(name);
      const color = options.legend && trace.type !== "contour" ? { line: { color: sharedColors[[...seen].indexOf(name) % sharedColors.length], ...(trace.line as object) } } : {};
      data.push({ ...trace, ...color, xaxis: `x${suffix}`, yaxis: `y${suffix}`, ...(repeated ? { showlegend: false } : {}) });
    }
    const xaxis: Record<string, unknown> = { ...(panel.layout.xaxis as Record<string, unknown>), domain };
    const yaxis: Record<string, unknown> = { ...(panel.layout.yaxis as Record<string, unknown>), anchor: `x${suffix}` };
    if ("scaleanchor" in yaxis) yaxis.scaleanchor = `x${suffix}`;
    if (k > 0) {
      xaxis.anchor = `y${suffix}`;
      delete yaxis.title; // one y title, on the left panel
    }
    layout[`xaxis${suffix}`] = xaxis;
    layout[`yaxis${suffix}`] = yaxis;
    (layout.annotations as unknown[]).push({
      text: figureTitle(panel), x: (domain[0]! + domain[1]!) / 2, y: 1, xref: "paper", yref: "paper",
      xanchor: "center", yanchor: "bottom", yshift: 2, showarrow: false, font: { size: 13 },
    });
  });
  if (options.legend) {
    // Above the panel labels, which sit just above the plots.
    layout.legend = { ...(layout.legend as Record<string, unknown>), y: 1.09 };
    layout.margin = { ...(layout.margin as Record<string, unknown>), t: 120 };
  }
  return { data, layout };
}

/** Plotly's default colour cycle, assigned by name so a series keeps its colour in every panel. */
const sharedColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

function thinContours(trace: Trace, panelCount: number): Trace {
  const contours = trace.contours as { size?: number } | undefined;
  if (trace.type !== "contour" || panelCount < 2 || typeof contours?.size !== "number") return trace;
  return { ...trace, contours: { ...contours, size: contours.size * 2 } };
}
