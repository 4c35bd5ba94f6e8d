export { showTable, tableBundle } from "./table";
export type { Row, FrameLike, TableOptions } from "./table";
export { notebookProgress, formatProgress } from "./progress";
export type { NotebookProgressOptions } from "./progress";
export { displayOutput, inTslab } from "./tslab-output";
