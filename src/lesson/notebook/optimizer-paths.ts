import { Figure } from "./figure";

/** The points an optimizer visited in a two-parameter problem, first to last. */
export interface ParameterPath {
  name: string;
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
    return logLevels ? Math.log10(Math.max(value, 1e-12)) : value;
  }));
  const contour = {
    type: "contour", x: xs, y: ys, z, name: logLevels ? "log10 loss" : "loss",
    // Light fill, grey lines: the paths drawn on top stay the strongest colours.
    colorscale: [[0, "#ffffff"], [1, "#c6dbef"]], showscale: false,
    contours: { coloring: "fill", showlines: true, ...levels(z) }, line: { color: "#9e9e9e", width: 1 },
    hoverinfo: "skip", showlegend: false,
  };
  const lines = paths.map((p, i) => ({
    type: "scatter", mode: "lines+markers", name: p.name,
    x: p.points.map((pt) => pt[0]), y: p.points.map((pt) => pt[1]),
    marker: { size: 5, color: pathColors[i % pathColors.length] }, line: { width: 2, color: pathColors[i % pathColors.length] },
  }));
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
      xaxis: { title: { text: options.xTitle }, range: [...xRange] },
      yaxis: { title: { text: options.yTitle }, range: [...yRange] },
      margin: { l: 70, r: 30, t: 60, b: 60 },
      legend: { x: 1, xanchor: "right", y: 1, bgcolor: "rgba(255,255,255,0.85)" },
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

function grid([low, high]: readonly [number, number], n: number): number[] {
  return Array.from({ length: n }, (_, i) => low + ((high - low) * i) / (n - 1));
}

function checkRange(name: string, [low, high]: readonly [number, number]): void {
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    throw new RangeError(`optimizerPathFigure: ${name} must be two finite numbers, low < high, got [${low}, ${high}]`);
  }
}
