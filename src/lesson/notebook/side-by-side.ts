import type { Figure, Trace } from "./figure";
import { figureTitle } from "./figure";

/**
 * Several figures as panels of one, left to right, each keeping its own axes (and equal scales,
 * if it had them); a panel's title becomes a label above it. One picture instead of several keeps
 * a comparison in view and the stored notebook small. Legend entries repeated across panels (the
 * same name) are shown once.
 */
export function sideBySide(title: string, panels: readonly Figure[], options: { gap?: number } = {}): Figure {
  if (panels.length === 0) throw new RangeError("sideBySide: no panels");
  const gap = options.gap ?? 0.04;
  const width = (1 - gap * (panels.length - 1)) / panels.length;
  const seen = new Set<string>();
  const data: Trace[] = [];
  const layout: Record<string, unknown> = { ...panels[0]!.layout, title: { text: title }, annotations: [] };
  panels.forEach((panel, k) => {
    const suffix = k === 0 ? "" : String(k + 1);
    const domain = [k * (width + gap), k * (width + gap) + width];
    for (const trace of panel.data) {
      const name = trace.name ?? "";
      const repeated = trace.showlegend !== false && seen.has(name);
      if (trace.showlegend !== false) seen.add(name);
      data.push({ ...trace, xaxis: `x${suffix}`, yaxis: `y${suffix}`, ...(repeated ? { showlegend: false } : {}) });
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
      xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 12 },
    });
  });
  return { data, layout };
}
