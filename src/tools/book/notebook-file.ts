/**
 * A stored notebook read for the book: the JSON checked cell by cell, so a missing file or a
 * damaged cell stops the build with the file and the cell named.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export type Output =
  | { kind: "stream"; text: string }
  | { kind: "data"; data: Record<string, unknown> }
  | { kind: "error"; text: string };

export interface Cell {
  /** 1-based position in the notebook, as a reader counts. */
  number: number;
  type: "markdown" | "code" | "raw";
  source: string;
  outputs: Output[];
}

export interface Notebook {
  file: string;
  cells: Cell[];
}

/** A problem in one notebook, naming the file and (when known) the cell. */
export class NotebookError extends Error {
  override name = "NotebookError";
}

const joined = (value: unknown): string | null => {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((part) => typeof part === "string")) return value.join("");
  return null;
};

function readOutput(raw: unknown, where: string): Output {
  if (typeof raw !== "object" || raw === null) throw new NotebookError(`${where}: an output is not an object`);
  const output = raw as Record<string, unknown>;
  switch (output.output_type) {
    case "stream": {
      const text = joined(output.text);
      if (text === null) throw new NotebookError(`${where}: a stream output has no text`);
      return { kind: "stream", text };
    }
    case "display_data":
    case "execute_result": {
      const data = output.data;
      if (typeof data !== "object" || data === null) throw new NotebookError(`${where}: a ${output.output_type} output has no data`);
      return { kind: "data", data: data as Record<string, unknown> };
    }
    case "error":
      return { kind: "error", text: `${String(output.ename)}: ${String(output.evalue)}` };
    default:
      throw new NotebookError(`${where}: unknown output type ${JSON.stringify(output.output_type)}`);
  }
}

function readCell(raw: unknown, number: number, file: string): Cell {
  const where = `${file}, cell ${number}`;
  if (typeof raw !== "object" || raw === null) throw new NotebookError(`${where}: not an object`);
  const cell = raw as Record<string, unknown>;
  const type = cell.cell_type;
  if (type !== "markdown" && type !== "code" && type !== "raw") throw new NotebookError(`${where}: unknown cell type ${JSON.stringify(type)}`);
  const source = joined(cell.source);
  if (source === null) throw new NotebookError(`${where}: source is not text`);
  const rawOutputs = type === "code" ? cell.outputs : [];
  if (!Array.isArray(rawOutputs)) throw new NotebookError(`${where}: outputs is not a list`);
  return { number, type, source, outputs: rawOutputs.map((o) => readOutput(o, where)) };
}

/** Read and check one notebook; `file` is shown in errors as given (relative to the repository). */
export function readNotebook(root: string, file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, file), "utf8");
  } catch {
    throw new NotebookError(`${file}: cannot be read (missing?)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NotebookError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const cells = (json as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) throw new NotebookError(`${file}: has no list of cells`);
  return { file, cells: cells.map((cell, i) => readCell(cell, i + 1, file)) };
}
