/**
 * What tslab type-checks on a notebook's first `import ... from "optim-lesson"`: the package's
 * declarations and everything they import. Each kernel parses them again, so big type packages
 * cost every notebook time (playwright-core's 1.9 MB cost ~0.3 s of CPU per kernel). Rendering
 * and browser helpers stay out of the package's public declarations.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import ts from "typescript";
import { repoRoot } from "../src/lesson/paths";

test("the package's declarations do not pull in playwright-core's types", () => {
  const entry = path.join(repoRoot, "src", "compiled.d.ts");
  const program = ts.createProgram([entry], { noEmit: true, skipLibCheck: true, types: [], moduleResolution: ts.ModuleResolutionKind.Node10 });
  const files = program.getSourceFiles().map((f) => path.relative(repoRoot, f.fileName));
  assert.ok(files.some((f) => f.startsWith("dist/src/lesson/notebook/")), `the declarations were not found: ${files.slice(0, 5).join(", ")}`);
  assert.deepEqual(files.filter((f) => f.includes("playwright")), []);
});
