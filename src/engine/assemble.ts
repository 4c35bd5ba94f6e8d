import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../lesson/paths";

/** The WAT source and the TypeScript file holding its compiled bytes, as committed. */
export const watPath = path.join(repoRoot, "src", "engine", "kernels.wat");
export const bytesPath = path.join(repoRoot, "src", "engine", "kernels-bytes.ts");

/**
 * Assemble kernels.wat with wabt (a dev dependency: the package ships the bytes, so using the
 * kernels never needs wabt) and return the text of kernels-bytes.ts.
 */
export async function assembleKernels(): Promise<string> {
  const wabt = await (await import("wabt")).default();
  const features = { simd: true, threads: true, bulk_memory: true };
  const module = wabt.parseWat(watPath, fs.readFileSync(watPath, "utf8"), features);
  try {
    // wabt's typings omit validate's features argument; without it, shared memory is refused.
    (module as unknown as { validate(features: object): void }).validate(features);
    const { buffer } = module.toBinary({ log: false });
    const base64 = Buffer.from(buffer).toString("base64");
    return [
      "// Generated from kernels.wat by `npm run kernels`: do not edit.",
      "export const kernelsWasmBase64 =",
      `  "${base64.match(/.{1,100}/g)!.join('" +\n  "')}";`,
      "",
    ].join("\n");
  } finally {
    module.destroy();
  }
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
