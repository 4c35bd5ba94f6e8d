import { pow } from "../math/pow";

/**
 * The look every lesson figure shares, so a reader can trust it: the legend off the data, one
 * fixed height (the live plot and its PNG the same size), and log axes whose labels read right.
 */

/** Height of every figure, in pixels: the live plot's layout height and the PNG's. */
export const FIGURE_HEIGHT = 480;

/** A horizontal legend just above the plotting area, left-aligned: it never covers a curve's end. */
export function legendAbove(): Record<string, unknown> {
  return { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" };
}

/** Room for the title above the legend, and for the axis titles. */
export function figureMargin(): Record<string, number> {
  return { l: 80, r: 30, t: 100, b: 60 };
}

/**
 * Tick positions and labels for a log axis over [low, high] (both > 0), chosen so that every
 * label is a number a beginner reads at sight: 1-2-5 multiples written out in full ("20", "500",
 * "0.05") over up to four decades, 1..9 multiples over less than one, powers of ten beyond four.
 * Plotly's own log ticks label the in-between ones with bare digits ("2", "5") next to "10",
 * which reads as 2 and 5 even where they mean 200 and 500.
 */
export function logTicks(low: number, high: number): { tickvals: number[]; ticktext: string[] } {
  if (!(low > 0 && high >= low && Number.isFinite(high))) throw new RangeError(`logTicks: need 0 < low <= high, got [${low}, ${high}]`);
  const first = Math.floor(Math.log10(low));
  const last = Math.ceil(Math.log10(high));
  const decades = Math.log10(high / low);
  if (decades > 4) {
    // Every decade, or every 2nd, 3rd... one when the range is very wide (at most ~8 labels).
    const every = Math.max(1, Math.ceil((last - first) / 8));
    const tickvals: number[] = [];
    for (let k = first; k <= last; k += every) tickvals.push(pow(10, k));
    return { tickvals, ticktext: tickvals.map((v) => powerOfTen(Math.round(Math.log10(v)))) };
  }
  const multiples = decades >= 0.7 ? (decades > 2.5 ? [1, 3] : [1, 2, 5]) : [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const tickvals: number[] = [];
  for (let k = first - 1; k <= last; k++) {
    for (const m of multiples) {
      const v = Number((m * pow(10, k)).toPrecision(12));
      if (v >= low / 1.3 && v <= high * 1.3) tickvals.push(v);
    }
  }
  return { tickvals, ticktext: tickvals.map(plainNumber) };
}

/** 10^k as plotly rich text: "1", "10", "100", then 10<sup>3</sup> and beyond; negatives likewise. */
function powerOfTen(k: number): string {
  if (k >= 0 && k <= 2) return String(pow(10, k));
  if (k === -1) return "0.1";
  return `10<sup>${k < 0 ? "\u2212" : ""}${Math.abs(k)}</sup>`;
}

/** A tick value written out in full, without floating-point noise ("0.3", "20", "5000"). */
function plainNumber(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/**
 * A log y (or x) axis over the positive values in `values`, labelled by `logTicks`, a grid line at
 * every label. Non-positive values (which a log axis cannot show)
 * are ignored when choosing the range.
 */
export function logAxis(title: string, values: Iterable<number>): Record<string, unknown> {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v > 0 && Number.isFinite(v)) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  const axis: Record<string, unknown> = { title: { text: title }, type: "log" };
  if (low <= high) {
    const { tickvals, ticktext } = logTicks(low, high);
    Object.assign(axis, { tickmode: "array", tickvals, ticktext });
  }
  return axis;
}

/** True when the positive values span at least `decades` powers of ten (default 2). */
export function spansDecades(values: Iterable<number>, decades = 2): boolean {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v <= 0) return false;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return low <= high && Math.log10(high / low) >= decades;
}

/**
 * A number as a figure title or a sentence should show it, to 4 significant digits: 1e-4 rather
 * than 0.0001, 0.9, 32, 6.029.
 * Used to build titles from the variables a figure shows, so an edited setting renames the figure.
 */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-2 || Math.abs(v) >= 1e5)) {
    const [mantissa, exponent] = v.toExponential().split("e");
    const m = Number(Number(mantissa).toPrecision(4));
    return `${m}e${Number(exponent)}`;
  }
  return String(Number(v.toPrecision(4)));
}

/**
 * A copy of `figure` in which every log axis without ticks of its own gets `logAxis`'s readable
 * ticks, computed from the traces drawn on it (plotly's defaults label minor ticks with bare
 * digits). `show` applies it, so figures built elsewhere (run comparisons) read right too.
 */
export function readableLogAxes(figure: { data: Record<string, unknown>[]; layout: Record<string, unknown> }): typeof figure {
  const layout = { ...figure.layout };
  for (const key of Object.keys(layout)) {
    const m = /^([xy])axis(\d*)$/.exec(key);
    const axis = layout[key] as Record<string, unknown> | undefined;
    if (!m || !axis || axis.type !== "log" || axis.tickvals !== undefined) continue;
    const [, letter, number] = m;
    const ref = `${letter}${number}`;
    const values = figure.data
      .filter((t) => ((t[`${letter}axis`] as string | undefined) ?? letter) === ref)
      .flatMap((t) => (Array.isArray(t[letter!]) ? (t[letter!] as unknown[]).filter((v): v is number => typeof v === "number") : []));
    const title = (axis.title as { text?: string } | undefined)?.text ?? "";
    const readable = logAxis(title, values);
    layout[key] = { ...axis, ...readable, title: axis.title ?? readable.title };
  }
  return { ...figure, layout };
}
