export type { Figure, Trace, Layout } from "./figure";
export { describeFigure, figureTitle } from "./figure";
export { lineFigure, scatterFigure, barFigure } from "./builders";
export type { Series, LineFigureOptions, ScatterFigureOptions, BarFigureOptions } from "./builders";
export { show, figureBundle, plotlyMime } from "./show";
export type { ShowOptions } from "./show";
export { renderPng, defaultImageSize } from "./render";
export type { ImageSize } from "./render";
export { closeBrowser, findChromium } from "./chromium";
// Notebook display helpers that are not figures: tables and progress.
export * from "../display";
export { optimizerPathFigure, type ParameterPath, type PathFigureOptions } from "./optimizer-paths";
