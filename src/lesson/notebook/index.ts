// Notebook helpers: figures (plotly JSON + PNG in one output), tables and progress lines.
export type { Figure, Trace, Layout } from "./figure";
export { describeFigure, figureTitle } from "./figure";
export { lineFigure, scatterFigure, barFigure } from "./builders";
export type { Series, LineFigureOptions, ScatterFigureOptions, BarFigureOptions } from "./builders";
export { show, figureBundle, plotlyMime } from "./show";
export type { ShowOptions } from "./show";
export { renderPng, defaultImageSize } from "./render";
export type { ImageSize } from "./render";
export { closeBrowser, findChromium } from "./chromium";
export { FIGURE_HEIGHT, legendAbove, logAxis, logTicks, spansDecades, formatValue } from "./figure-style";
export { downsampleFigure, lttbIndices, STORED_POINTS } from "./downsample";
export { optimizerPathFigure, defaultLabelSteps, type ParameterPath, type PathFigureOptions } from "./optimizer-paths";
export { claim, claimLine, CLAIM_HOLDS, CLAIM_FAILS, type ClaimValues } from "./claim";
export { showTable, tableBundle } from "./table";
export type { Row, FrameLike, TableOptions } from "./table";
export { notebookProgress, formatProgress } from "./progress";
export type { NotebookProgressOptions } from "./progress";
export { displayOutput, inTslab } from "./tslab-output";
