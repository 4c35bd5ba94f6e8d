/**
 * The book: one static page per stored notebook, plus an index and the assets, written to
 * `outDir`. Reads only the notebooks and node_modules; runs nothing and fetches nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readNotebook, type Notebook } from "./notebook-file";
import { renderMarkdown } from "./markdown";
import { highlightCode } from "./code-highlight";
import { renderOutputs, type FigureImage } from "./outputs";
import { chapterPage, indexPage, type ChapterLink } from "./chapter-page";
import { copyAssets } from "./site-assets";

export interface BookOptions {
  root: string;
  outDir: string;
  /** "owner/name" on GitHub, for the link to each notebook; null leaves the link out. */
  repository: string | null;
  branch: string;
}

export interface BuiltChapter {
  notebook: string;
  page: string;
  title: string;
  figures: number;
}

export const notebooksDir = "notebooks";

export function chapterFiles(root: string): string[] {
  return fs.readdirSync(path.join(root, notebooksDir)).filter((f) => f.endsWith(".ipynb")).sort().map((f) => `${notebooksDir}/${f}`);
}

function chapterTitle(notebook: Notebook): string {
  for (const cell of notebook.cells) {
    const heading = cell.type === "markdown" ? /^#\s+(.+)$/m.exec(cell.source) : null;
    if (heading) return heading[1].trim();
  }
  throw new Error(`${notebook.file}: has no "# " title in a markdown cell`);
}

/** A prose image: a file beside the notebooks is copied into images/; a web address is refused. */
function proseImage(root: string, notebook: Notebook, images: FigureImage[]): (src: string) => string {
  return (src) => {
    if (/^[a-z]+:/i.test(src) || src.startsWith("//")) throw new Error(`image ${src} is not a file of the repository (the site loads nothing from outside)`);
    const file = path.resolve(root, path.dirname(notebook.file), src);
    if (!fs.existsSync(file)) throw new Error(`image ${src} does not exist`);
    const name = `prose-${path.basename(file)}`;
    if (!images.some((image) => image.name === name)) images.push({ name, png: fs.readFileSync(file) });
    return `images/${name}`;
  };
}

function chapterBody(root: string, notebook: Notebook, slug: string): { html: string; images: FigureImage[] } {
  const parts: string[] = [];
  const images: FigureImage[] = [];
  const imageSource = proseImage(root, notebook, images);
  for (const cell of notebook.cells) {
    const where = `${notebook.file}, cell ${cell.number}`;
    if (cell.type === "markdown") {
      parts.push(`<section class="prose">${renderMarkdown(cell.source, where, imageSource)}</section>`);
    } else if (cell.type === "code" && (cell.source.trim() || cell.outputs.length > 0)) {
      const outputs = renderOutputs(cell.outputs, `fig-${slug}-cell${cell.number}`, where);
      images.push(...outputs.images);
      parts.push(`<section class="cell">${highlightCode(cell.source)}${outputs.html}</section>`);
    }
  }
  return { html: parts.join("\n"), images };
}

export function buildBook(options: BookOptions): BuiltChapter[] {
  const notebooks = chapterFiles(options.root).map((file) => readNotebook(options.root, file));
  const chapters: ChapterLink[] = notebooks.map((nb) => ({ title: chapterTitle(nb), page: `${path.basename(nb.file, ".ipynb")}.html` }));
  const pages = notebooks.map((nb) => ({ nb, ...chapterBody(options.root, nb, path.basename(nb.file, ".ipynb")) })); // all checked before writing

  fs.rmSync(options.outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(options.outDir, "images"), { recursive: true });
  copyAssets(options.root, options.outDir);
  const built: BuiltChapter[] = [];
  pages.forEach(({ nb, html, images }, i) => {
    for (const image of images) fs.writeFileSync(path.join(options.outDir, "images", image.name), image.png);
    const notebookUrl = options.repository ? `https://github.com/${options.repository}/blob/${options.branch}/${nb.file}` : null;
    fs.writeFileSync(path.join(options.outDir, chapters[i].page),
      chapterPage({ chapter: chapters[i], chapters, body: html, notebookUrl, notebookFile: nb.file }));
    built.push({ notebook: nb.file, page: chapters[i].page, title: chapters[i].title, figures: images.filter((image) => image.name.startsWith("fig-")).length });
  });
  fs.writeFileSync(path.join(options.outDir, "index.html"), indexPage(chapters));
  fs.writeFileSync(path.join(options.outDir, ".nojekyll"), ""); // GitHub Pages: serve assets as they are
  return built;
}
