/** One chapter's HTML page: the sidebar of chapters, the cells, previous/next and the notebook's link. */
import { escapeHtml } from "./html-text";

export interface ChapterLink {
  title: string;
  page: string;
}

export interface ChapterPage {
  chapter: ChapterLink;
  chapters: ChapterLink[];
  body: string;
  /** Where the notebook is read on GitHub, or null when the repository is not known. */
  notebookUrl: string | null;
  notebookFile: string;
}

function sidebar(chapters: ChapterLink[], current: ChapterLink): string {
  const items = chapters.map((c) =>
    c.page === current.page
      ? `<li><a href="${c.page}" aria-current="page">${escapeHtml(c.title)}</a></li>`
      : `<li><a href="${c.page}">${escapeHtml(c.title)}</a></li>`);
  return `<nav class="sidebar" aria-label="Chapters"><a class="home" href="index.html">The lesson</a><ol>${items.join("")}</ol></nav>`;
}

function pager(chapters: ChapterLink[], current: ChapterLink): string {
  const at = chapters.findIndex((c) => c.page === current.page);
  const prev = chapters[at - 1];
  const next = chapters[at + 1];
  return `<nav class="pager" aria-label="Previous and next chapter">` +
    (prev ? `<a rel="prev" href="${prev.page}">← ${escapeHtml(prev.title)}</a>` : "<span></span>") +
    (next ? `<a rel="next" href="${next.page}">${escapeHtml(next.title)} →</a>` : "<span></span>") +
    `</nav>`;
}

function notebookLink(page: ChapterPage): string {
  const label = escapeHtml(page.notebookFile);
  return page.notebookUrl
    ? `<p class="source">This page is the notebook <a href="${escapeHtml(page.notebookUrl)}">${label}</a> with its stored outputs.</p>`
    : `<p class="source">This page is the notebook ${label} with its stored outputs.</p>`;
}

export function chapterPage(page: ChapterPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(page.chapter.title)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/book.css">
</head>
<body>
${sidebar(page.chapters, page.chapter)}
<main>
${notebookLink(page)}
${page.body}
${pager(page.chapters, page.chapter)}
</main>
<script src="assets/plotly.min.js"></script>
<script src="assets/figures.js"></script>
</body>
</html>
`;
}

export function indexPage(chapters: ChapterLink[]): string {
  const items = chapters.map((c) => `<li><a href="${c.page}">${escapeHtml(c.title)}</a></li>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Neural-network optimizers in TypeScript</title>
<link rel="stylesheet" href="assets/book.css">
</head>
<body>
<main>
<h1>Neural-network optimizers in TypeScript</h1>
<p>Nine chapters, from the data to Adam and AdamW, each a notebook shown with its stored outputs.</p>
<ol class="contents">${items}</ol>
</main>
</body>
</html>
`;
}
