/**
 * Errors in a tslab kernel, told in the learner's terms: a compile error names the cell's line,
 * shows it and keeps TypeScript's code (compile-errors.ts); a thrown error shows the learner's
 * cell lines and the library frames that threw, without tslab's or Node's (runtime-errors.ts).
 *
 * A kernel gets this by preloading ./preload.js: `learnerErrorsNodeArgs()` are the arguments to
 * put right after `node` in the kernelspec's argv. The hooks touch only tslab: the wrapper tslab's
 * main puts around its executor, and the code tslab hands to `vm` (named after its cell, so a
 * stack frame says which cell it is in). In any other Node process they do nothing.
 *
 *   LESSON_FULL_TRACE=1   a thrown error is printed whole, as tslab prints it; a cell can also
 *                         set process.env.LESSON_FULL_TRACE = "1" (read at every error)
 */
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { repoRoot } from "../../src/lesson/paths";
import { formatDiagnostics, type TslabDiagnostic } from "./compile-errors";
import { cellLineMap, type TokenizerApi } from "./cell-lines";
import { learnerTrace, type Frame, type TraceContext } from "./runtime-errors";

/** The module a kernel preloads (this folder's preload.js). */
export const learnerErrorsPreload = path.join(__dirname, "preload.js");

/** Node arguments that give a tslab kernel these messages: put them right after `node` in its argv. */
export function learnerErrorsNodeArgs(): string[] {
  return ["--require", learnerErrorsPreload];
}

/** How tslab's executor prints one diagnostic (tslab/dist/executor.js, printDiagnostics). */
export const tslabDiagnosticFormat = "%s%d:%d - %s";
/** How tslab's executor wraps a cell's JavaScript before `vm.runInThisContext`. */
export const tslabCellPrefixes = ["(function(exports, require) { ", "(async function(exports, require) { "];
export const tslabCellSuffix = "\n})(__tslab__.exports, __tslab__.require)";

interface RanCell {
  source: string;
  compiled: string;
  /** Characters of tslab's wrapper before the compiled code on its first line. */
  shift: number;
  lines?: (line: number, column: number) => number | null;
}

const cellFile = /^tslab-cell-(\d+)$/;
const cells = new Map<string, RanCell>();
let running = "";
let cellCount = 0;
let cellsNamed = false;
let tokenizer: (() => TokenizerApi) | null = null;

/** Gives each cell tslab runs a file name of its own, remembering its source and JavaScript. */
function nameCells(): void {
  if (cellsNamed) return;
  cellsNamed = true;
  const run = vm.runInThisContext;
  vm.runInThisContext = function (this: unknown, code: string, options?: vm.RunningScriptOptions | string) {
    const prefix = typeof code === "string" && code.endsWith(tslabCellSuffix) ? tslabCellPrefixes.find((p) => code.startsWith(p)) : undefined;
    if (prefix === undefined || typeof options === "string" || options?.filename !== undefined) return run.call(this, code, options);
    const filename = `tslab-cell-${++cellCount}`;
    cells.set(filename, { source: running, compiled: code.slice(prefix.length, code.length - tslabCellSuffix.length), shift: prefix.length });
    return run.call(this, code, { ...options, filename });
  } as typeof vm.runInThisContext;
}

const sourceMaps = new Map<string, Module.SourceMap | null>();

/** The source map beside a compiled file (`x.js.map`), or null. */
function sourceMapOf(file: string): Module.SourceMap | null {
  let map = sourceMaps.get(file);
  if (map === undefined) {
    try {
      map = new Module.SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")));
    } catch {
      map = null;
    }
    sourceMaps.set(file, map);
  }
  return map;
}

export const kernelTraceContext: TraceContext = {
  cellLine(frame: Frame) {
    const cell = cellFile.test(frame.file) ? cells.get(frame.file) : undefined;
    if (!cell) return null;
    // The last line is tslab's call of the function wrapping the cell.
    if (frame.line > cell.compiled.split("\n").length) return "tslab";
    cell.lines ??= cellLineMap(tokenizer!(), cell.source, cell.compiled);
    const line = frame.line === 0 ? null : cell.lines(frame.line, frame.line === 1 ? frame.column - cell.shift : frame.column);
    const code = line === null ? null : (cell.source.split(/\r?\n/)[line - 1] ?? null);
    return { cell: frame.file, line, code, current: frame.file === `tslab-cell-${cellCount}` };
  },
  isInternal: (file) => file.startsWith("node:") || /^(<anonymous>|native|evalmachine\.<anonymous>)$/.test(file) || /[\\/]node_modules[\\/]@?tslab[\\/]/.test(file),
  original(frame) {
    if (!frame.file.endsWith(".js")) return null;
    const map = sourceMapOf(frame.file);
    const entry = map?.findEntry(frame.line - 1, frame.column - 1) as Partial<Module.SourceMapping> | undefined;
    if (!entry?.originalSource) return null;
    const source = entry.originalSource.startsWith("file:") ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(frame.file), map!.payload.sourceRoot ?? "", entry.originalSource);
    return { file: source, line: entry.originalLine! + 1, column: entry.originalColumn! + 1 };
  },
  shown: (file) => (path.isAbsolute(file) && !path.relative(repoRoot, file).startsWith("..") ? path.relative(repoRoot, file) : file),
};

const fullTrace = (): boolean => process.env.LESSON_FULL_TRACE === "1";

type Console = { log: (...args: unknown[]) => void; error: (...args: unknown[]) => void };
type Converter = { convert(prevDecl: string, src: string): { diagnostics: TslabDiagnostic[] }; addModule(name: string, src: string, meta?: unknown): TslabDiagnostic[] };
type ConverterSet = { node: Converter; browser: Converter; close(): void };
type Executor = { execute(src: string): Promise<boolean> };
type ExecutorModule = { createExecutor(rootDir: string, convs: ConverterSet, console: Console): Executor };

/** The last compile's source and diagnostics, printed in full at tslab's first diagnostic line. */
interface Compiled {
  source: string;
  diagnostics: TslabDiagnostic[];
  printed: boolean;
}

/** `convs` whose converters note each compile's source and diagnostics in `note`. */
function noting(convs: ConverterSet, note: (c: Compiled) => void): ConverterSet {
  const wrapped = new WeakMap<Converter, Converter>();
  const wrap = (conv: Converter): Converter => {
    let w = wrapped.get(conv);
    if (!w) {
      w = Object.create(conv) as Converter;
      w.convert = (prevDecl, src) => {
        const result = conv.convert(prevDecl, src);
        note({ source: src, diagnostics: result.diagnostics, printed: false });
        return result;
      };
      w.addModule = (name, src, meta) => {
        const diagnostics = conv.addModule(name, src, meta);
        note({ source: src, diagnostics, printed: false });
        return diagnostics;
      };
      wrapped.set(conv, w);
    }
    return w;
  };
  return new Proxy(convs, { get: (target, prop) => (prop === "node" || prop === "browser" ? wrap(target[prop]) : Reflect.get(target, prop)) });
}

const readFromKernelDir = (name: string): string | null => {
  try {
    return fs.readFileSync(path.resolve(process.cwd(), name), "utf8");
  } catch {
    return null;
  }
};

/** tslab's createExecutor, giving the executor a console that writes errors in the learner's terms. */
function withLearnerErrors(create: ExecutorModule["createExecutor"]): ExecutorModule["createExecutor"] {
  return (rootDir, convs, out) => {
    let compiled: Compiled | null = null;
    const error = (...args: unknown[]): void => {
      if (args[0] === tslabDiagnosticFormat && compiled) {
        if (!compiled.printed) out.error(formatDiagnostics(compiled.source, compiled.diagnostics, readFromKernelDir));
        compiled.printed = true;
        return;
      }
      const e = args[0] as { stack?: unknown } | null;
      if (args.length === 1 && e instanceof Error && typeof e.stack === "string" && !fullTrace()) {
        try {
          out.error(learnerTrace(e.stack, kernelTraceContext));
          return;
        } catch {
          // fall through: tslab's own message is better than none
        }
      }
      out.error(...args);
    };
    const executor = create(rootDir, noting(convs, (c) => (compiled = c)), { log: out.log, error });
    const execute = executor.execute;
    executor.execute = (src) => {
      running = src;
      compiled = null;
      return execute.call(executor, src);
    };
    return executor;
  };
}

/**
 * Hooks module loading so that the executor of any tslab loaded later is wrapped, and names the
 * cells tslab runs. Idempotent.
 */
export function installLearnerErrors(): void {
  const loader = Module as unknown as { _load(request: string, parent: { filename?: string } | null, isMain: boolean): unknown };
  if ((loader as { learnerErrors?: boolean }).learnerErrors) return;
  (loader as { learnerErrors?: boolean }).learnerErrors = true;
  const load = loader._load;
  const wrapped = new WeakSet<object>();
  loader._load = function (request, parent, isMain) {
    const exports = load.call(this, request, parent, isMain) as ExecutorModule;
    const from = parent?.filename ?? "";
    if (request === "./executor" && /[\\/]tslab[\\/]dist[\\/]main\.js$/.test(from) && !wrapped.has(exports)) {
      wrapped.add(exports);
      const ts = Module.createRequire(from);
      tokenizer = () => ts("@tslab/typescript-for-tslab") as TokenizerApi;
      // Deep library calls (TensorFlow.js) would otherwise push the cell's frame off the stack.
      Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 100);
      nameCells();
      exports.createExecutor = withLearnerErrors(exports.createExecutor);
    }
    return exports;
  };
}
