// Notebook helpers: figures (plotly JSON + PNG in one output), tables and progress lines.
export type { Figure, Trace, Layout } from "./figure";
export { describeFigure, figureTitle } from "./figure";
export { lineFigure, scatterFigure, barFigure } from "./builders";
export type { Series, LineFigureOptions, ScatterFigureOptions, BarFigureOptions } from "./builders";
export { show, figureBundle, plotlyMime } from "./show";
export type { ShowOptions } from "./show";
export { renderPng, defaultImageSize } from "./render";
export type { ImageSize } from "./render";
// Not ./chromium: its declarations import playwright-core's types (1.9 MB), which tslab would
// parse again in every kernel on the first `import ... from "optim-lesson"` (~0.3 s).
export { optimizerPathFigure, type ParameterPath, type PathFigureOptions } from "./optimizer-paths";
export { showTable, tableBundle } from "./table";
export type { Row, FrameLike, TableOptions } from "./table";
export { notebookProgress, formatProgress } from "./progress";
export type { NotebookProgressOptions } from "./progress";
export { displayOutput, inTslab } from "./tslab-output";
