/**
 * tslab's converter (the part of the kernel that type-checks and compiles each cell) with a cache
 * in front. A cell whose source, preceding declarations, kernel and working folder match a stored
 * one, and whose recorded view of the disk still holds, gets the stored JavaScript without
 * TypeScript running at all; the real converter (about a second to build: it parses the standard
 * library and @types/node) is only built when some cell misses. Cells with errors are never
 * stored, so error messages always come from a real compile.
 */
import { hashOf } from "./files";
import type { CellStore, CompiledCell } from "./cell-store";
import { type ObservationLog, type Observation, stillHolds } from "./observations";

/** The converter interface tslab's executor uses (tslab/dist/converter.d.ts). */
export interface Converter {
  convert(prevDecl: string, src: string): CompiledCell & { diagnostics: unknown[]; sideOutputs?: unknown[] };
  inspect(prevDecl: string, src: string, position: number): unknown;
  complete(prevDecl: string, src: string, position: number): unknown;
  addModule(name: string, content: string, meta?: unknown): unknown;
  close(): void;
}

export interface ConverterOptions {
  isJS?: boolean;
  isBrowser?: boolean;
}

export interface CacheContext {
  store: CellStore;
  log: ObservationLog;
  /** Versions of tslab and its TypeScript: a different compiler never reuses an entry. */
  compiler: string;
  /** Told of every cell: whether it was served from the cache, and if not, why. */
  onCell?: (event: { hit: boolean; reason?: string }) => void;
}

/** Bump when the entry format or what a key covers changes. */
const FORMAT = 1;

export function withCellCache(createConverter: (options?: ConverterOptions) => Converter, ctx: CacheContext) {
  const manifests = new Map<string, Observation[] | null>();
  // Each recorded answer is checked once per kernel: like tslab's own file watching, a kernel
  // sees the disk as it was when it first looked.
  const checked = new Map<string, boolean>();
  const holds = (o: Observation): boolean => {
    const k = JSON.stringify(o);
    let ok = checked.get(k);
    if (ok === undefined) checked.set(k, (ok = stillHolds(o)));
    return ok;
  };
  let manifest: { version: number; id: string } | null = null;
  const currentManifest = (): string => {
    if (manifest?.version !== ctx.log.version) manifest = { version: ctx.log.version, id: ctx.store.writeManifest(ctx.log.snapshot()) };
    return manifest.id;
  };

  return (options?: ConverterOptions): Converter => {
    // tslab's converter compiles relative to the working folder it was created in.
    const cwd = process.cwd();
    let real: Converter | null = null;
    const compiler = () => (real ??= createConverter(options));
    // A `%module` cell or a local .ts import makes results depend on more than a cell's text.
    let bypass = false;

    const lookup = (key: string): CompiledCell | string => {
      const entry = ctx.store.read(key);
      if (!entry) return "new cell";
      let observations = manifests.get(entry.manifest);
      if (observations === undefined) manifests.set(entry.manifest, (observations = ctx.store.readManifest(entry.manifest)));
      if (!observations) return "manifest missing";
      const changed = observations.find((o) => !holds(o));
      return changed ? `${changed[1]} changed` : entry.cell;
    };

    return {
      convert(prevDecl, src) {
        const key = hashOf([FORMAT, ctx.compiler, options?.isJS ?? false, options?.isBrowser ?? false, cwd, prevDecl, src]);
        const found = bypass ? "cache bypassed" : lookup(key);
        if (typeof found !== "string") {
          ctx.onCell?.({ hit: true });
          return { ...found, diagnostics: [] };
        }
        ctx.onCell?.({ hit: false, reason: found });
        const result = compiler().convert(prevDecl, src);
        if (result.sideOutputs) bypass = true;
        else if (!bypass && result.diagnostics.length === 0 && typeof result.output === "string") {
          const { output, declOutput, hasToplevelAwait, lastExpressionVar } = result;
          ctx.store.write(key, currentManifest(), { output, declOutput: declOutput ?? "", hasToplevelAwait, lastExpressionVar });
        }
        return result;
      },
      inspect: (...args) => compiler().inspect(...args),
      complete: (...args) => compiler().complete(...args),
      addModule(...args) {
        bypass = true;
        return compiler().addModule(...args);
      },
      close: () => real?.close(),
    };
  };
}
