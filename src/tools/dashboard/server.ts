import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { repoRoot } from "../../lesson/paths";
import { figureResponse, projectsResponse, runsResponse } from "./api";
import { HttpError } from "./http-error";

/** Where and what to serve. */
export interface DashboardOptions {
  runsDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface Dashboard {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The only files the server ever sends: a fixed table, so no request path reaches the file system.
 * Page assets are plain files in src/dashboard/public (no build step); plotly comes from node_modules.
 */
const publicDir = path.join(repoRoot, "src", "tools", "dashboard", "public");
const staticFiles: Record<string, { file: () => string; type: string }> = {
  "/": { file: () => path.join(publicDir, "index.html"), type: "text/html; charset=utf-8" },
  "/app.js": { file: () => path.join(publicDir, "app.js"), type: "text/javascript; charset=utf-8" },
  "/style.css": { file: () => path.join(publicDir, "style.css"), type: "text/css; charset=utf-8" },
  "/vendor/plotly.min.js": { file: () => require.resolve("plotly.js-dist-min"), type: "text/javascript; charset=utf-8" },
};

const apiRoutes: Record<string, (runsDir: string, search: string) => unknown> = {
  "/api/projects": projectsResponse,
  "/api/runs": runsResponse,
  "/api/figure": figureResponse,
};

/** Handle one request; every failure becomes a JSON error response, never a crash. */
export function handleRequest(runsDir: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  try {
    if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, `method ${req.method} not allowed`);
    const target = req.url ?? "/";
    const queryAt = target.indexOf("?");
    const pathname = checkedPath(queryAt < 0 ? target : target.slice(0, queryAt));
    const search = queryAt < 0 ? "" : target.slice(queryAt + 1);
    const api = apiRoutes[pathname];
    if (api) return send(res, 200, "application/json; charset=utf-8", JSON.stringify(api(runsDir, search)));
    const asset = staticFiles[pathname];
    if (asset) return send(res, 200, asset.type, fs.readFileSync(asset.file()));
    throw new HttpError(404, `not found: ${pathname}`);
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    send(res, status, "application/json; charset=utf-8", JSON.stringify({ error: (error as Error).message }));
  }
}

/** Decode the path and refuse anything that tries to climb out: "..", its encodings, backslashes. */
function checkedPath(rawPath: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    throw new HttpError(400, "malformed percent-encoding in the request path");
  }
  if (!decoded.startsWith("/") || decoded.startsWith("//")) throw new HttpError(400, "the request path must start with a single /");
  if (decoded.split(/[\\/]/).includes("..") || decoded.includes("\\") || decoded.includes("\0")) {
    throw new HttpError(400, "the request path may not contain '..', backslashes or NUL");
  }
  return decoded === "/index.html" ? "/" : decoded;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

/** Start serving; resolves once listening, with the address to print. */
export function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const runsDir = path.resolve(options.runsDir);
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => handleRequest(runsDir, req, res));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8050, host, () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}/`,
        port,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
