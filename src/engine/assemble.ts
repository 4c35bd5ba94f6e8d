import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../lesson/paths";

/** The WAT source and the TypeScript file holding its compiled bytes, as committed. */
export const watPath = path.join(repoRoot, "src", "engine", "kernels.wat");
export const bytesPath = path.join(repoRoot, "src", "engine", "kernels-bytes.ts");

/**
 * The fused multiply-add variant of kernels.wat's text: inside each region between the lines
 * `;; fma:begin` and `;; fma:end` (the large-layer product tiles only), every
 * `(f64x2.add (local.get $c) (f64x2.mul (local.get $a) (local.get $b)))` becomes
 * `(f64x2.relaxed_madd (local.get $a) (local.get $b) (local.get $c))`, a * b + c rounded once
 * where the CPU has FMA. Everything outside the regions, the lesson's small layers included,
 * is the same code as in the plain module.
 */
export function fmaVariant(wat: string): string {
  let regions = 0;
  let replaced = 0;
  const text = wat.replace(/;; fma:begin\n[\s\S]*?;; fma:end\n/g, (region) => {
    regions++;
    return region.replace(
      /\(f64x2\.add \(local\.get (\$\w+)\) \(f64x2\.mul \(local\.get (\$\w+)\) \(local\.get (\$\w+)\)\)\)/g,
      (_all, c: string, a: string, b: string) => {
        replaced++;
        return `(f64x2.relaxed_madd (local.get ${a}) (local.get ${b}) (local.get ${c}))`;
      },
    );
  });
  if (regions === 0 || replaced === 0) throw new Error("kernels.wat: no multiply-add to fuse between ;; fma:begin and ;; fma:end");
  return text;
}

async function assemble(name: string, wat: string, relaxed: boolean): Promise<string> {
  const wabt = await (await import("wabt")).default();
  const features = { simd: true, threads: true, bulk_memory: true, relaxed_simd: relaxed };
  const module = wabt.parseWat(name, wat, features);
  try {
    // wabt's typings omit validate's features argument; without it, shared memory is refused.
    (module as unknown as { validate(features: object): void }).validate(features);
    const { buffer } = module.toBinary({ log: false });
    const base64 = Buffer.from(buffer).toString("base64");
    return `  "${base64.match(/.{1,100}/g)!.join('" +\n  "')}";`;
  } finally {
    module.destroy();
  }
}

/**
 * Assemble kernels.wat with wabt (a dev dependency: the package ships the bytes, so using the
 * kernels never needs wabt), as it is and as its fused multiply-add variant, and return the
 * text of kernels-bytes.ts.
 */
export async function assembleKernels(): Promise<string> {
  const wat = fs.readFileSync(watPath, "utf8");
  return [
    "// Generated from kernels.wat by `npm run kernels`: do not edit.",
    "export const kernelsWasmBase64 =",
    await assemble(watPath, wat, false),
    "",
    "// The same with relaxed SIMD's fused multiply-add in the large-layer product tiles (assemble.ts's fmaVariant).",
    "export const kernelsFmaWasmBase64 =",
    await assemble(watPath, fmaVariant(wat), true),
    "",
  ].join("\n");
}

if (require.main === module) {
  assembleKernels().then((text) => {
    fs.writeFileSync(bytesPath, text);
    console.log(`wrote ${path.relative(repoRoot, bytesPath)}`);
  }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
