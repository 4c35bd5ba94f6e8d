import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The layer rules of src/: lesson imports only lesson; engine imports lesson and itself;
 * tools import anything but are imported by nobody; and no two folders import each other,
 * directly or round a longer loop. Checked on the TypeScript sources (this file runs from dist/).
 */
const srcDir = path.resolve(__dirname, "..", "..", "src");

/** Which homes each home may import. */
const ALLOWED: Record<string, string[]> = {
  lesson: ["lesson"],
  engine: ["lesson", "engine"],
  tools: ["lesson", "engine", "tools"],
  "index.ts": ["lesson", "engine"],
};

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Relative imports in a file's text (static, dynamic, type-only, side-effect), resolved to paths under src/. */
function importsIn(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)["'](\.[^"']*)["']/g)].map((m) => m[1]!);
  return specifiers.map((s) => path.relative(srcDir, path.resolve(path.dirname(file), s)));
}

/** The home of a path under src/ (lesson, engine, tools, or a top-level file). */
const homeOf = (relative: string) => relative.split(path.sep)[0]!;
/** The folder whose imports must not loop: lesson/nn, tools/cli, engine (its files are one folder). */
const folderOf = (relative: string) => {
  const parts = relative.split(path.sep);
  return parts.length > 2 && parts[0] !== "engine" ? parts.slice(0, 2).join("/") : parts.length > 1 ? parts[0]! : relative;
};

function edges(): Edge[] {
  return sourceFiles(srcDir).flatMap((file) => {
    const from = path.relative(srcDir, file);
    return importsIn(file, fs.readFileSync(file, "utf8")).map((to) => ({ from, to }));
  });
}

test("lesson imports only lesson, engine no tools, and nothing imports tools from outside", () => {
  const forbidden = edges()
    .filter(({ from, to }) => !(ALLOWED[homeOf(from)] ?? []).includes(homeOf(to)))
    .map(({ from, to }) => `${from} imports ${to}`);
  assert.deepEqual(forbidden, []);
});

test("no import cycle between folders", () => {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges()) {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (a !== b) (graph.get(a) ?? graph.set(a, new Set()).get(a)!).add(b);
  }
  const cycles: string[] = [];
  const reach = (start: string, at: string, trail: string[], seen: Set<string>) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) cycles.push([...trail, next].join(" -> "));
      else if (!seen.has(next)) reach(start, next, [...trail, next], seen.add(next));
    }
  };
  for (const folder of graph.keys()) reach(folder, folder, [folder], new Set());
  assert.deepEqual(cycles, []);
});

test("the checker sees imports of every form", () => {
  const file = path.join(srcDir, "lesson", "example.ts");
  const q = '"'; // spelled apart, so that this file's own text holds no such imports
  const specifiers = [`import { a } from ${q}../engine/x${q};`, `import type { B } from ${q}./y${q};`, `const c = await import(${q}../tools/z${q});`, `import ${q}./side${q};`];
  assert.deepEqual(importsIn(file, specifiers.join("\n")), ["engine/x", "lesson/y", "tools/z", "lesson/side"].map((p) => p.split("/").join(path.sep)));
});
