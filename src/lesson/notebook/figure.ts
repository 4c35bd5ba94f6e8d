/**
 * A plotly figure as plain data: what `Plotly.newPlot` takes and what Jupyter stores under
 * `application/vnd.plotly.v1+json`. Kept loose on purpose: builders fill in the fields they need.
 */
export interface Figure {
  data: Trace[];
  layout: Layout;
  config?: Record<string, unknown>;
}

/** One plotly trace (a line, a set of markers, a bar series...). */
export type Trace = Record<string, unknown> & { type?: string; name?: string };

/** Plotly layout; `title` may be a string or `{ text }`. */
export type Layout = Record<string, unknown> & { title?: string | { text?: string } };

/** The figure's title as plain text, or "" when it has none. */
export function figureTitle(figure: Figure): string {
  const title = figure.layout.title;
  if (typeof title === "string") return title;
  return title?.text ?? "";
}

/** A one-line description for `text/plain`: the title and the trace names. */
export function describeFigure(figure: Figure): string {
  const names = figure.data.map((t, i) => t.name ?? `trace ${i}`);
  const title = figureTitle(figure) || "Figure";
  if (names.length === 0) return `${title} (no traces)`;
  return `${title} (${figure.data.length} trace${figure.data.length === 1 ? "" : "s"}: ${names.join(", ")})`;
}
