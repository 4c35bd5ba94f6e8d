/**
 * Files every page uses, copied into the site so it makes no request outside itself: plotly,
 * KaTeX's stylesheet with its fonts, highlight.js's theme, and the book's own CSS and script.
 */
import * as fs from "node:fs";
import * as path from "node:path";

function packageDir(root: string, name: string): string {
  return path.join(root, "node_modules", name);
}

export function copyAssets(root: string, outDir: string): void {
  const assets = path.join(outDir, "assets");
  const katex = path.join(packageDir(root, "katex"), "dist");
  fs.mkdirSync(path.join(assets, "katex"), { recursive: true });
  fs.copyFileSync(path.join(katex, "katex.min.css"), path.join(assets, "katex", "katex.min.css"));
  fs.cpSync(path.join(katex, "fonts"), path.join(assets, "katex", "fonts"), { recursive: true });
  fs.copyFileSync(path.join(packageDir(root, "plotly.js-dist-min"), "plotly.min.js"), path.join(assets, "plotly.min.js"));
  fs.copyFileSync(path.join(packageDir(root, "highlight.js"), "styles", "github.min.css"), path.join(assets, "highlight.css"));
  const own = path.join(root, "src", "tools", "book", "public");
  for (const file of fs.readdirSync(own)) fs.copyFileSync(path.join(own, file), path.join(assets, file));
}
