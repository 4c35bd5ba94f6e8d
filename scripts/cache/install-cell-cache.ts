/**
 * Puts the cell cache (cached-converter.ts) into a tslab kernel. Loaded with `node --require`,
 * through NODE_OPTIONS, which the lesson runner sets for the kernels it starts
 * (scripts/notebook-exec.ts): it waits for tslab's main module to load its converter and wraps
 * `createConverter` before tslab builds one. In any other Node process it does nothing.
 *
 *   LESSON_CACHE=off, LESSON_CACHE_DIR=DIR   as in files.ts (cells go to DIR/tslab-cells)
 *   LESSON_CELL_CACHE_LOG=FILE               appends one JSON line per cell: {"pid", "hit", "reason"}
 */
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import { withCellCache, type Converter, type ConverterOptions } from "./cached-converter";
import { CellStore } from "./cell-store";
import { cacheRoot } from "./files";
import { ObservationLog, type FileSystemHost } from "./observations";

/** True for `tslab kernel ...` (the process a Jupyter kernelspec starts). */
export function isTslabKernel(argv: readonly string[]): boolean {
  return /[\\/]tslab(\.js)?$/.test(argv[1] ?? "") && argv.includes("kernel");
}

type ConverterModule = { createConverter: (options?: ConverterOptions) => Converter };

/** Wraps the `createConverter` of tslab's converter module (loaded from `converterFile`). */
export function installInto(
  converterModule: ConverterModule,
  converterFile: string,
  dir: string,
  onCell?: (event: { hit: boolean; reason?: string }) => void,
): void {
  const requireHere = Module.createRequire(converterFile);
  const ts = requireHere("@tslab/typescript-for-tslab") as { version: string; sys: FileSystemHost };
  const tslabVersion = (requireHere("../package.json") as { version: string }).version;
  const log = new ObservationLog();
  log.attach(ts.sys);
  converterModule.createConverter = withCellCache(converterModule.createConverter, {
    store: new CellStore(dir),
    log,
    compiler: `tslab ${tslabVersion} typescript ${ts.version}`,
    onCell,
  });
}

/** Appends one JSON line per cell to $LESSON_CELL_CACHE_LOG, when set. */
function cellLog(env: NodeJS.ProcessEnv): ((event: { hit: boolean; reason?: string }) => void) | undefined {
  const file = env.LESSON_CELL_CACHE_LOG;
  return file ? (e) => fs.appendFileSync(file, JSON.stringify({ pid: process.pid, ...e }) + "\n") : undefined;
}

/** Hooks module loading so that tslab's converter is wrapped as soon as tslab's main loads it. */
export function installWhenTslabLoads(dir: string, env: NodeJS.ProcessEnv = process.env): void {
  const loader = Module as unknown as { _load(request: string, parent: { filename?: string } | null, isMain: boolean): unknown };
  const load = loader._load;
  const wrapped = new WeakSet<object>();
  loader._load = function (request, parent, isMain) {
    const exports = load.call(this, request, parent, isMain);
    const from = parent?.filename ?? "";
    if (request === "./converter" && /[\\/]tslab[\\/]dist[\\/]main\.js$/.test(from) && !wrapped.has(exports as object)) {
      wrapped.add(exports as object);
      try {
        installInto(exports as ConverterModule, path.join(path.dirname(from), "converter.js"), dir, cellLog(env));
      } catch (e) {
        console.error(`cell cache off: ${(e as Error).message}`); // the kernel is only slower
      }
    }
    return exports;
  };
}

const root = cacheRoot();
if (root !== null && isTslabKernel(process.argv)) installWhenTslabLoads(path.join(root, "tslab-cells"));
