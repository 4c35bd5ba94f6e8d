import { Figure, Layout } from "./figure";
import { FIGURE_HEIGHT, figureMargin, legendAbove, logAxis, spansDecades } from "./figure-style";

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
  /**
   * Plot y on a log axis. Left out: log exactly when the values are all positive and span two
   * decades or more (losses usually do), so an edited setting that changes the spread still
   * gets a readable axis.
   */
  logY?: boolean;
  /** Plot x on a log axis (e.g. learning rates spanning decades). */
  logX?: boolean;
}

/** Shared look: the legend above the plot, a fixed height, room for the title and axis titles. */
function baseLayout(title: string, xTitle: string, yTitle: string): Layout {
  return {
    title: { text: title },
    xaxis: { title: { text: xTitle } },
    yaxis: { title: { text: yTitle } },
    height: FIGURE_HEIGHT,
    margin: figureMargin(),
    legend: legendAbove(),
  };
}

function allY(series: Series[]): number[] {
  return series.flatMap((s) => Array.from(s.y));
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
    const trace = { type: "scatter", mode: "lines", name: s.name, x: Array.from(s.x as ArrayLike<number | string>), y: Array.from(s.y) };
    // A single point (a marked position on a curve) has no line to draw: show it as a marker.
    return s.x.length === 1 ? { ...trace, mode: "markers", marker: { size: 11, symbol: "diamond" } } : trace;
  });
  const layout = baseLayout(options.title, options.xTitle, options.yTitle);
  const ys = allY(options.series);
  if (options.logY ?? spansDecades(ys)) layout.yaxis = logAxis(options.yTitle, ys);
  if (options.logX) layout.xaxis = logAxis(options.xTitle, options.series.flatMap((s) => Array.from(s.x as ArrayLike<number>)));
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
