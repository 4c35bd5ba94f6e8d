/**
 * A figure with a slider over precomputed runs (one position per learning rate, momentum, batch
 * size...). Every run's traces are in the figure; the slider shows one position's traces at a
 * time and retitles the figure. No widgets and no kernel are needed, so the slider works in
 * JupyterLab, VS Code and an exported HTML page; the PNG shows the default position.
 */
import type { Figure, Trace } from "./figure";
import { type Series } from "./builders";
import { FIGURE_HEIGHT, figureMargin, legendAbove, logAxis, spansDecades } from "./figure-style";

export interface SliderStep {
  /** The slider's label for this position, e.g. "1e-3". */
  label: string;
  /** The series shown at this position. */
  series: Series[];
  /** The figure's title at this position (default: the figure's title and the label). */
  title?: string;
}

export interface SliderFigureOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** What the slider moves, e.g. "learning rate". */
  sliderTitle: string;
  steps: SliderStep[];
  /** Series shown at every position (a baseline to compare with). */
  fixed?: Series[];
  /** The position shown first, and in the PNG (default 0). */
  active?: number;
  /** Log y axis; left out: log when all values are positive and span two decades. */
  logY?: boolean;
  /** Colour of each series by its index within a step, so "train" keeps its colour as the slider moves. */
  colors?: string[];
}

const defaultColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];
const fixedColor = "#7f7f7f";

function line(s: Series, color: string, visible: boolean, dash?: string): Trace {
  if (s.x.length !== s.y.length) throw new Error(`sliderFigure: series "${s.name}" has ${s.x.length} x values but ${s.y.length} y values`);
  return {
    type: "scatter", mode: "lines", name: s.name, visible,
    x: Array.from(s.x as ArrayLike<number | string>), y: Array.from(s.y),
    line: { color, width: 2, ...(dash ? { dash } : {}) },
  };
}

export function sliderFigure(options: SliderFigureOptions): Figure {
  const { steps } = options;
  if (steps.length === 0) throw new RangeError("sliderFigure: give at least one step");
  const active = options.active ?? 0;
  if (!Number.isInteger(active) || active < 0 || active >= steps.length) {
    throw new RangeError(`sliderFigure: active must be an integer in [0, ${steps.length - 1}], got ${active}`);
  }
  const colors = options.colors ?? defaultColors;
  const fixed = options.fixed ?? [];
  const data: Trace[] = fixed.map((s) => line(s, fixedColor, true, "dot"));
  const owner: number[] = fixed.map(() => -1); // which step each trace belongs to (-1: all)
  steps.forEach((step, i) => {
    step.series.forEach((s, j) => {
      data.push(line(s, colors[j % colors.length]!, i === active));
      owner.push(i);
    });
  });
  const titleOf = (i: number) => steps[i]!.title ?? `${options.title}: ${options.sliderTitle} ${steps[i]!.label}`;
  const ys = [...fixed, ...steps.flatMap((s) => s.series)].flatMap((s) => Array.from(s.y));
  const log = options.logY ?? spansDecades(ys);
  // One y axis for every position, so moving the slider changes the curves, not the scale.
  const yaxis = log ? logAxis(options.yTitle, ys) : { title: { text: options.yTitle }, range: paddedRange(ys) };
  if (log) {
    const positive = ys.filter((v) => v > 0 && Number.isFinite(v));
    yaxis.range = [Math.log10(Math.min(...positive)) - 0.05, Math.log10(Math.max(...positive)) + 0.05];
  }
  return {
    data,
    layout: {
      title: { text: titleOf(active) },
      xaxis: { title: { text: options.xTitle } },
      yaxis,
      height: FIGURE_HEIGHT + 90,
      margin: { ...figureMargin(), b: 150 },
      legend: legendAbove(),
      sliders: [{
        active,
        currentvalue: { prefix: `${options.sliderTitle}: `, font: { size: 14 } },
        pad: { t: 60 },
        steps: steps.map((step, i) => ({
          label: step.label,
          method: "update",
          args: [{ visible: owner.map((o) => o === -1 || o === i) }, { title: { text: titleOf(i) } }],
        })),
      }],
    },
  };
}

function paddedRange(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
  return [low - pad, high + pad];
}
