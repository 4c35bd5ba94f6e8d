/**
 * Compiles every code cell of some notebooks into the cell cache, without running them:
 *
 *   node dist/scripts/cache/precompile.js NOTEBOOK...
 *
 * A cell's compile depends only on its source and the declarations of the cells before it, which
 * the compile itself produces, so a whole notebook can be compiled ahead of its kernel. One
 * process compiles many notebooks with one tslab converter per folder: the standard library and
 * @types/node are parsed once instead of once per kernel. The lesson runner runs this on every
 * while Python starts up, and starts each notebook's kernel as soon as its cells are compiled.
 * A cell that does not compile ends its notebook here (nothing is stored for it); its kernel
 * reports the error. Prints {"ready": I} when the I-th notebook is done, then one summary line:
 * {"compiled": N, "cached": N, "stopped": ["file: reason", ...]}.
 */
import Module from "node:module";
import path from "node:path";
import { repoRoot } from "../../src/lesson/paths";
import { joinText, readNotebook } from "../notebook-file";
import type { Converter, ConverterOptions } from "./cached-converter";
import { cacheRoot } from "./files";
import { installInto } from "./install-cell-cache";

interface Summary {
  compiled: number;
  cached: number;
  stopped: string[];
}

export function precompile(files: string[], cellsDir: string, onNotebookDone?: (index: number) => void): Summary {
  const requireTslab = Module.createRequire(path.join(repoRoot, "package.json"));
  const converterFile = requireTslab.resolve("tslab/dist/converter");
  const converterModule = requireTslab(converterFile) as { createConverter: (o?: ConverterOptions) => Converter };
  const metadata = requireTslab("tslab/dist/metadata") as { getCodeMetadata(src: string): { module?: string; mode?: string } };
  const summary: Summary = { compiled: 0, cached: 0, stopped: [] };
  installInto(converterModule, converterFile, cellsDir, (e) => summary[e.hit ? "cached" : "compiled"]++);

  const converters = new Map<string, Converter>();
  const home = process.cwd();
  try {
    for (const [index, file] of files.map((f) => path.resolve(f)).entries()) {
      const folder = path.dirname(file);
      process.chdir(folder); // a kernel compiles relative to its notebook's folder
      let converter = converters.get(folder);
      if (!converter) converters.set(folder, (converter = converterModule.createConverter({ isJS: false, isBrowser: false })));
      let prevDecl = "";
      const stop = (why: string) => summary.stopped.push(`${path.basename(file)}: ${why}`);
      try {
        for (const cell of readNotebook(file).cells) {
          const src = joinText(cell.source);
          if (cell.cell_type !== "code" || src.trim() === "") continue; // nbclient skips empty cells
          const meta = metadata.getCodeMetadata(src);
          if (meta.module || meta.mode === "browser") {
            stop("a %module or browser cell: the kernel compiles the rest");
            break;
          }
          const result = converter.convert(prevDecl, src);
          if (result.diagnostics.length > 0) {
            stop("a cell does not compile");
            break;
          }
          prevDecl = result.declOutput || "";
        }
      } catch (e) {
        stop((e as Error).message);
      }
      onNotebookDone?.(index);
    }
  } finally {
    process.chdir(home);
    for (const c of converters.values()) c.close();
  }
  return summary;
}

if (require.main === module) {
  const root = cacheRoot();
  const files = process.argv.slice(2);
  const ready = (index: number) => console.log(JSON.stringify({ ready: index }));
  if (root === null) files.forEach((_, i) => ready(i));
  const summary = root === null ? { compiled: 0, cached: 0, stopped: ["LESSON_CACHE=off"] } : precompile(files, path.join(root, "tslab-cells"), ready);
  console.log(JSON.stringify(summary));
}
