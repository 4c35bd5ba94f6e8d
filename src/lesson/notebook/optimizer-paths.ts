import { Figure } from "./figure";
import { FIGURE_HEIGHT, legendAbove } from "./figure-style";

/** The points an optimizer visited in a two-parameter problem, first to last. */
export interface ParameterPath {
  name: string;
  /** Which colour, dash and marker to draw it with (default: its position in `paths`). */
  style?: number;
  points: ReadonlyArray<readonly [number, number]>;
}

export interface PathFigureOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** The loss at parameters (x, y); drawn as contour lines. */
  loss: (x: number, y: number) => number;
  xRange: readonly [number, number];
  yRange: readonly [number, number];
  paths: ParameterPath[];
  /** Where the loss is lowest, marked with a star. */
  minimum?: readonly [number, number];
  /** Grid points per axis for the contours (default 80). */
  gridSize?: number;
  /**
   * Draw contours of log10(loss) (default true): a bowl's loss grows with the square of the
   * distance, so evenly spaced log levels show the valley floor and the walls alike.
   */
  logLevels?: boolean;
  /**
   * Which steps to number on every path (0 is the start). Default: 0, 1, 2, 5, then every 5th
   * step and the last, so a reader can tell how far each optimizer got in the same number of steps.
   */
  labelSteps?: (pointCount: number) => number[];
}

/** The default step labels: 0, 1, 2, 5, 10, 15, ... and the last point. */
export function defaultLabelSteps(pointCount: number): number[] {
  const last = pointCount - 1;
  const steps = new Set([0, 1, 2, last]);
  for (let s = 5; s < last; s += 5) steps.add(s);
  return [...steps].filter((s) => s >= 0 && s <= last).sort((a, b) => a - b);
}

/**
 * Loss contours over a grid of two parameters, with the path each optimizer took drawn on top:
 * the picture of why momentum and Adam behave differently from plain gradient descent.
 */
export function optimizerPathFigure(options: PathFigureOptions): Figure {
  const { xRange, yRange, paths } = options;
  const n = options.gridSize ?? 80;
  checkRange("xRange", xRange);
  checkRange("yRange", yRange);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`optimizerPathFigure: gridSize must be an integer >= 2, got ${n}`);
  for (const p of paths) {
    if (p.points.length === 0) throw new RangeError(`optimizerPathFigure: path "${p.name}" has no points`);
  }
  const xs = grid(xRange, n);
  const ys = grid(yRange, n);
  const logLevels = options.logLevels ?? true;
  // Plotly's contour z is row-major by y: z[j][i] is the value at (xs[i], ys[j]).
  const z = ys.map((y) => xs.map((x) => {
    const value = options.loss(x, y);
    // Four significant digits are plenty for contour levels and keep the stored figure small.
    return Number((logLevels ? Math.log10(Math.max(value, 1e-12)) : value).toPrecision(4));
  }));
  const contour = {
    type: "contour", x: xs, y: ys, z, name: logLevels ? "log10 loss" : "loss",
    // Light fill, grey lines: the paths drawn on top stay the strongest colours.
    colorscale: [[0, "#ffffff"], [1, "#c6dbef"]], showscale: false,
    contours: { coloring: "fill", showlines: true, ...levels(z) }, line: { color: "#9e9e9e", width: 1 },
    hoverinfo: "skip", showlegend: false,
  };
  const labelSteps = options.labelSteps ?? defaultLabelSteps;
  // Each path has its own colour, dash and marker, so a path drawn over another stays visible.
  const lines = paths.map((p, i) => {
    const labelled = new Set(labelSteps(p.points.length));
    const k = p.style ?? i;
    const color = pathColors[k % pathColors.length];
    return {
      type: "scatter", mode: "lines+markers+text", name: p.name,
      x: p.points.map((pt) => pt[0]), y: p.points.map((pt) => pt[1]),
      text: p.points.map((_, s) => (labelled.has(s) ? String(s) : "")),
      textposition: textPositions[k % textPositions.length], textfont: { size: 10, color },
      hovertemplate: `${p.name}<br>step %{pointNumber}: (%{x:.3g}, %{y:.3g})<extra></extra>`,
      marker: { size: 6, color, symbol: pathSymbols[k % pathSymbols.length] },
      line: { width: 2, color, dash: pathDashes[k % pathDashes.length] },
    };
  });
  const data: Record<string, unknown>[] = [contour, ...lines];
  if (options.minimum) {
    data.push({
      type: "scatter", mode: "markers", name: "minimum", x: [options.minimum[0]], y: [options.minimum[1]],
      marker: { symbol: "star", size: 14, color: "black" },
    });
  }
  return {
    data,
    layout: {
      title: { text: options.title },
      // Equal scales: one unit of either weight is the same length on screen, so the ravine's
      // true shape (and the angle of each step) is what the reader sees.
      xaxis: { title: { text: options.xTitle }, range: [...xRange], constrain: "domain" },
      yaxis: { title: { text: options.yTitle }, range: [...yRange], scaleanchor: "x", scaleratio: 1, constrain: "domain" },
      height: FIGURE_HEIGHT,
      margin: { l: 70, r: 30, t: 100, b: 60 },
      legend: legendAbove(),
    },
  };
}

/**
 * About 16 evenly spaced levels from the top of the grid down, at most 5 units deep, so the
 * lines stay spread out (log levels near an exact minimum would otherwise reach -12).
 */
function levels(z: number[][]): { start: number; end: number; size: number } {
  const values = z.flat();
  const high = Math.max(...values);
  const low = Math.max(Math.min(...values), high - 5);
  const size = (high - low) / 16 || 1;
  return { start: low + size / 2, end: high, size };
}

/** Distinct colours for the paths, none of them close to the contours' pale blue. */
const pathColors = ["#ff7f0e", "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2"];
const pathDashes = ["solid", "dash", "dot", "dashdot", "longdash", "solid"];
const pathSymbols = ["circle", "square", "diamond", "triangle-up", "x", "cross"];
const textPositions = ["top right", "bottom left", "top left", "bottom right"];

function grid([low, high]: readonly [number, number], n: number): number[] {
  return Array.from({ length: n }, (_, i) => low + ((high - low) * i) / (n - 1));
}

function checkRange(name: string, [low, high]: readonly [number, number]): void {
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    throw new RangeError(`optimizerPathFigure: ${name} must be two finite numbers, low < high, got [${low}, ${high}]`);
  }
}
