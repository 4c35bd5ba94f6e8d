/**
 * `npm run book -- [--out DIR] [--serve] [--port N]`: build the static book from the stored
 * notebooks (default folder book/), and with --serve serve it on 127.0.0.1.
 * Exit codes: 2 for a bad flag, 1 when a notebook is missing or damaged (file and cell named).
 */
import * as path from "node:path";
import { buildBook } from "../book/build-book";
import { notebookRepository } from "../book/repository";
import { serveBook } from "../book/static-server";
import { readCommandLine } from "./command-line";
import { UsageError } from "./usage-error";

const usage = `usage: npm run book -- [--out DIR] [--serve] [--port N]
  --out DIR   where the site is written (default book)
  --serve     serve it on 127.0.0.1 after building
  --port N    the port for --serve (default 8080; 0 picks a free one)`;

interface BookFlags { out: string; serve: boolean; port: number; help: boolean }

function parseFlags(argv: readonly string[]): BookFlags {
  const flags: BookFlags = { out: "book", serve: false, port: 8080, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--help" || arg === "-h") flags.help = true;
    else if (arg === "--serve") flags.serve = true;
    else if (arg === "--out") flags.out = value();
    else if (arg === "--port") {
      const text = value();
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port ${text} is not a port number (0-65535)`);
      flags.port = port;
    } else throw new UsageError(`unknown flag ${arg}`);
  }
  return flags;
}

async function main(): Promise<void> {
  const flags = readCommandLine("book", process.argv.slice(2), parseFlags, usage);
  if (typeof flags === "number") {
    process.exitCode = flags;
    return;
  }
  const root = path.resolve(__dirname, "..", "..", "..", "..");
  const outDir = path.resolve(flags.out);
  let chapters;
  try {
    chapters = buildBook({ root, outDir, ...notebookRepository(root) });
  } catch (error) {
    process.stderr.write(`book: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const figures = chapters.reduce((sum, c) => sum + c.figures, 0);
  console.log(`Book: ${chapters.length} chapters, ${figures} figures in ${path.relative(process.cwd(), outDir) || "."}/ (open index.html)`);
  if (flags.serve) {
    const server = await serveBook(outDir, flags.port);
    console.log(`Serving ${server.url}\nPress Ctrl+C to stop.`);
  }
}

void main();
