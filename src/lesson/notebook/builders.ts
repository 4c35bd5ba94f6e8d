import { Figure, Layout } from "./figure";

/** One named series of (x, y) points. */
export interface Series {
  name: string;
  /** Numbers, or ISO dates ("2008-02-02"), which plotly draws as a date axis. */
  x: ArrayLike<number> | readonly string[];
  y: ArrayLike<number>;
}

export interface LineFigureOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  series: Series[];
  /** Plot y on a log axis (losses that span decades). */
  logY?: boolean;
}

/** Shared look: white background, legend at the top right, room for axis titles. */
function baseLayout(title: string, xTitle: string, yTitle: string): Layout {
  return {
    title: { text: title },
    xaxis: { title: { text: xTitle } },
    yaxis: { title: { text: yTitle } },
    margin: { l: 70, r: 30, t: 60, b: 60 },
    legend: { x: 1, xanchor: "right", y: 1 },
  };
}

function checkSeries(where: string, s: Series): void {
  if (s.x.length !== s.y.length) {
    throw new Error(`${where}: series "${s.name}" has ${s.x.length} x values but ${s.y.length} y values`);
  }
}

/** Several series as lines on one chart, e.g. the training loss of runs being compared. */
export function lineFigure(options: LineFigureOptions): Figure {
  const data = options.series.map((s) => {
    checkSeries("lineFigure", s);
    return { type: "scatter", mode: "lines", name: s.name, x: Array.from(s.x as ArrayLike<number | string>), y: Array.from(s.y) };
  });
  const layout = baseLayout(options.title, options.xTitle, options.yTitle);
  if (options.logY) (layout.yaxis as Record<string, unknown>).type = "log";
  return { data, layout };
}

export interface ScatterFigureOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  series: Series[];
}

/** Several series as markers, e.g. predictions against targets. */
export function scatterFigure(options: ScatterFigureOptions): Figure {
  const data = options.series.map((s) => {
    checkSeries("scatterFigure", s);
    return { type: "scatter", mode: "markers", name: s.name, x: Array.from(s.x as ArrayLike<number | string>), y: Array.from(s.y), marker: { size: 5 } };
  });
  return { data, layout: baseLayout(options.title, options.xTitle, options.yTitle) };
}

export interface BarFigureOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  labels: string[];
  values: ArrayLike<number>;
}

/** One bar per label, e.g. seconds per epoch of each optimizer. */
export function barFigure(options: BarFigureOptions): Figure {
  if (options.labels.length !== options.values.length) {
    throw new Error(`barFigure: ${options.labels.length} labels but ${options.values.length} values`);
  }
  const data = [{ type: "bar", x: options.labels, y: Array.from(options.values) }];
  return { data, layout: { ...baseLayout(options.title, options.xTitle, options.yTitle), showlegend: false } };
}
