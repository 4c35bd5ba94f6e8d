/**
 * The static book built from the stored notebooks: a page per chapter holding every figure with
 * its stored PNG, every text output and no reference outside the site; a damaged notebook stops
 * the build with its file and cell named.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { buildBook, chapterFiles } from "../src/tools/book/build-book";
import { readNotebook } from "../src/tools/book/notebook-file";
import { renderMarkdown } from "../src/tools/book/markdown";

const repoRoot = path.resolve(__dirname, "..", "..");
const plotlyType = "application/vnd.plotly.v1+json";

function storedFigures(file: string): Array<{ cell: number; png: string; alt: string }> {
  const figures = [];
  for (const cell of readNotebook(repoRoot, file).cells) {
    for (const output of cell.outputs) {
      if (output.kind !== "data" || !(plotlyType in output.data)) continue;
      figures.push({ cell: cell.number, png: String(output.data["image/png"]).replace(/\s+/g, ""), alt: String(output.data["text/plain"]) });
    }
  }
  return figures;
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "book-build-"));
const built = buildBook({ root: repoRoot, outDir, repository: "owner/repo", branch: "main" });

test("every notebook becomes a page, linked from the sidebar of every page", () => {
  const notebooks = chapterFiles(repoRoot);
  assert.ok(notebooks.length >= 9);
  assert.deepEqual(built.map((c) => c.notebook), notebooks);
  for (const chapter of built) {
    const html = fs.readFileSync(path.join(outDir, chapter.page), "utf8");
    for (const other of built) assert.ok(html.includes(`href="${other.page}"`), `${chapter.page} links ${other.page}`);
    assert.ok(html.includes(`href="https://github.com/owner/repo/blob/main/${chapter.notebook}"`), `${chapter.page} links its notebook`);
  }
});

test("each stored figure is on its page with its own PNG and the figure's description as alt text", () => {
  for (const chapter of built) {
    const html = fs.readFileSync(path.join(outDir, chapter.page), "utf8");
    const figures = storedFigures(chapter.notebook);
    assert.equal((html.match(/class="figure-spec"/g) ?? []).length, figures.length, chapter.page);
    const images = [...html.matchAll(/<img src="images\/(fig-[^"]+)" alt="([^"]*)"/g)];
    assert.equal(images.length, figures.length, chapter.page);
    images.forEach(([, name, alt], i) => {
      assert.equal(fs.readFileSync(path.join(outDir, "images", name)).toString("base64"), figures[i].png, `${name} is the stored PNG`);
      assert.ok(alt.length > 0 && figures[i].alt.startsWith(alt.replace(/&quot;/g, '"').replace(/&amp;/g, "&").slice(0, 20)), `${name} alt`);
    });
  }
});

test("every stream line of every notebook is on its page, claim lines marked", () => {
  for (const chapter of built) {
    const html = fs.readFileSync(path.join(outDir, chapter.page), "utf8");
    for (const cell of readNotebook(repoRoot, chapter.notebook).cells) {
      for (const output of cell.outputs) {
        if (output.kind !== "stream") continue;
        for (const line of output.text.split("\n").filter(Boolean)) {
          const escaped = line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
          assert.ok(html.includes(line.startsWith("✓") ? `<span class="claim">${escaped}</span>` : escaped), `${chapter.page} cell ${cell.number}: ${line}`);
        }
      }
    }
  }
});

test("pages and stylesheets reference nothing outside the site, and every local file exists", () => {
  const files = [...built.map((c) => c.page), "index.html", "assets/book.css", "assets/katex/katex.min.css"];
  for (const file of files) {
    const text = fs.readFileSync(path.join(outDir, file), "utf8");
    const refs = [...text.matchAll(/(?:src|href)="([^"#]+)"|url\(([^)]+)\)/g)].map((m) => (m[1] ?? m[2]).replace(/["']/g, ""));
    const outside = refs.filter((ref) => /^(https?:)?\/\//.test(ref) && !ref.startsWith("https://github.com/owner/repo/blob/"));
    assert.deepEqual(outside, [], file);
    for (const ref of refs.filter((r) => !/^(https?:|data:)/.test(r))) {
      assert.ok(fs.existsSync(path.join(outDir, path.dirname(file), ref.split("?")[0])), `${file} -> ${ref} exists`);
    }
  }
});

function fixtureRoot(notebookText: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "book-bad-"));
  fs.mkdirSync(path.join(root, "notebooks"));
  fs.writeFileSync(path.join(root, "notebooks", "01-bad.ipynb"), notebookText);
  return root;
}

const cellsJson = (cells: unknown[]) => JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

test("a damaged notebook stops the build naming its file, and the cell when one is at fault", () => {
  const build = (root: string) => buildBook({ root, outDir: path.join(root, "site"), repository: null, branch: "main" });
  assert.throws(() => build(fixtureRoot("{ not json")), /notebooks\/01-bad\.ipynb: not valid JSON/);
  const brokenCell = fixtureRoot(cellsJson([{ cell_type: "markdown", source: "# 1. T" }, { cell_type: "code", source: 7, outputs: [] }]));
  assert.throws(() => build(brokenCell), /notebooks\/01-bad\.ipynb, cell 2: source is not text/);
  const brokenFigure = fixtureRoot(cellsJson([
    { cell_type: "markdown", source: "# 1. T" },
    { cell_type: "code", source: "x", outputs: [{ output_type: "display_data", data: { [plotlyType]: { data: [], layout: {} } } }] },
  ]));
  assert.throws(() => build(brokenFigure), /notebooks\/01-bad\.ipynb, cell 2: a figure has no stored PNG/);
  assert.ok(!fs.existsSync(path.join(brokenFigure, "site")), "nothing is written when a notebook is damaged");
  const missingImage = fixtureRoot(cellsJson([{ cell_type: "markdown", source: "# 1. T\n\n![a picture](../images/none.png)" }]));
  assert.throws(() => build(missingImage), /notebooks\/01-bad\.ipynb, cell 1: image \.\.\/images\/none\.png does not exist/);
  assert.throws(() => readNotebook(repoRoot, "notebooks/99-none.ipynb"), /notebooks\/99-none\.ipynb: cannot be read/);
});

test("math split around plain words is refused, naming the cell; whole expressions render", () => {
  assert.throws(() => renderMarkdown("epochs $\\times \\lceil$rows / batch size$\\rceil$ steps", "ch, cell 3"), /ch, cell 3: a "\$" is left as text/);
  assert.throws(() => renderMarkdown("bad $\\frac{1}{$ math", "ch, cell 4"), /ch, cell 4/);
  const html = renderMarkdown("epochs $\\times \\lceil \\text{rows} / \\text{batch size} \\rceil$ steps", "ch, cell 5");
  assert.match(html, /class="katex"/);
  assert.ok(!html.replace(/<annotation[\s\S]*?<\/annotation>/g, "").includes("$"));
});
