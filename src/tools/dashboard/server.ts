import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../lesson/paths";
import { figureResponse, projectsResponse, type RawBody, runsResponse, seriesResponse, sweepResponse } from "./api";
import { HttpError } from "./http-error";

/** Where and what to serve. */
export interface DashboardOptions {
  runsDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Required to listen beyond loopback: the runs (configs, names) become readable by the network. */
  allowRemote?: boolean;
}

export interface Dashboard {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The only files the server ever sends: a fixed table, so no request path reaches the file system.
 * Page assets are plain files in src/tools/dashboard/public (no build step); plotly comes from node_modules.
 */
const publicDir = path.join(repoRoot, "src", "tools", "dashboard", "public");
const staticFiles: Record<string, { file: () => string; type: string }> = {
  "/": { file: () => path.join(publicDir, "index.html"), type: "text/html; charset=utf-8" },
  "/app.js": { file: () => path.join(publicDir, "app.js"), type: "text/javascript; charset=utf-8" },
  "/style.css": { file: () => path.join(publicDir, "style.css"), type: "text/css; charset=utf-8" },
  "/vendor/plotly.min.js": { file: () => require.resolve("plotly.js-dist-min"), type: "text/javascript; charset=utf-8" },
};

const apiRoutes: Record<string, (runsDir: string, search: string) => unknown | Promise<unknown>> = {
  "/api/projects": projectsResponse,
  "/api/runs": runsResponse,
  "/api/figure": figureResponse,
  "/api/series": seriesResponse,
  "/api/sweep": sweepResponse,
};

/**
 * On every response. Plotly sets inline styles, hence 'unsafe-inline' for styles only; no script
 * runs but the page's own files; no site may frame the page (clickjacking).
 */
const securityHeaders = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};

const loopbackNames = ["127.0.0.1", "localhost", "[::1]"];

/** Whether `host` (an address to listen on) is this machine only. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Host header values this server answers to: the names of the address it is bound to, with its
 * port. A page on another site that rebinds its DNS name to 127.0.0.1 sends its own name, and is
 * refused, so it cannot read the API.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set<string>();
  if (isLoopback(host)) loopbackNames.forEach((n) => names.add(n));
  else if (host === "0.0.0.0" || host === "::") {
    loopbackNames.forEach((n) => names.add(n));
    names.add(os.hostname().toLowerCase());
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) names.add(a.family === "IPv6" ? `[${a.address}]` : a.address);
    }
  } else names.add(host.includes(":") ? `[${host.toLowerCase()}]` : host.toLowerCase());
  return new Set([...names].map((n) => `${n}:${port}`));
}

/**
 * Handle one request; every failure becomes a JSON error response, never a crash. Routes that read
 * a run's history answer asynchronously, so that other requests are served meanwhile.
 */
export async function handleRequest(runsDir: string, hosts: Set<string>, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    if (!hosts.has((req.headers.host ?? "").toLowerCase())) throw new HttpError(421, "this dashboard answers only to the address it listens on (Host header refused)");
    if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, `method ${req.method} not allowed`);
    const target = req.url ?? "/";
    const queryAt = target.indexOf("?");
    const pathname = checkedPath(queryAt < 0 ? target : target.slice(0, queryAt));
    const search = queryAt < 0 ? "" : target.slice(queryAt + 1);
    const api = apiRoutes[pathname];
    if (api) {
      const result = await api(runsDir, search);
      if (isRawBody(result)) return send(res, 200, result.type, result.body, { "content-disposition": `attachment; filename="${result.filename}"` });
      return sendJson(req, res, serialized(result));
    }
    const asset = staticFiles[pathname];
    if (asset) return send(res, 200, asset.type, fs.readFileSync(asset.file()));
    throw new HttpError(404, `not found: ${pathname.slice(0, 100)}`);
  } catch (error) {
    if (res.headersSent) return void res.destroy(); // failed mid-answer: nothing sensible left to send
    if (!(error instanceof HttpError)) process.stderr.write(`dashboard: ${req.method} ${String(req.url).slice(0, 200)}: ${(error as Error).stack ?? error}\n`);
    const status = error instanceof HttpError ? error.status : 500;
    const message = error instanceof HttpError ? error.message : "internal error (details in the server's log)";
    send(res, status, "application/json; charset=utf-8", JSON.stringify({ error: message }), status === 405 ? { allow: "GET, HEAD" } : {});
  }
}

function isRawBody(value: unknown): value is RawBody {
  return typeof value === "object" && value !== null && typeof (value as RawBody).filename === "string" && typeof (value as RawBody).body === "string";
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

/** JSON text and ETag of an API answer; an answer object returned again (unchanged runs) is not serialised again. */
const texts = new WeakMap<object, { body: string; etag: string }>();
function serialized(result: unknown): { body: string; etag: string } {
  const known = typeof result === "object" && result !== null ? texts.get(result) : undefined;
  if (known) return known;
  const body = JSON.stringify(result);
  const text = { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
  if (typeof result === "object" && result !== null) texts.set(result, text);
  return text;
}

/** API JSON with an ETag: a poll that finds nothing changed gets a bodiless 304. */
function sendJson(req: http.IncomingMessage, res: http.ServerResponse, { body, etag }: { body: string; etag: string }): void {
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, { ...securityHeaders, etag, "cache-control": "no-cache" });
    return void res.end();
  }
  send(res, 200, "application/json; charset=utf-8", body, { etag, "cache-control": "no-cache" });
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...securityHeaders, ...extra });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

/** Start serving; resolves once listening, with the address to print. */
export function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const runsDir = path.resolve(options.runsDir);
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host) && !options.allowRemote) {
    return Promise.reject(new Error(`${host} is not a loopback address: anyone who can reach it could read the runs; pass --allow-remote to do it anyway`));
  }
  let hosts = new Set<string>();
  const server = http.createServer((req, res) => void handleRequest(runsDir, hosts, req, res));
  server.headersTimeout = 10_000;
  // CONNECT bypasses the request handler: answer it like any other method that is not allowed.
  server.on("connect", (_req: http.IncomingMessage, socket: import("node:stream").Duplex) => {
    const body = JSON.stringify({ error: "method CONNECT not allowed" });
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8050, host, () => {
      const { port } = server.address() as AddressInfo;
      hosts = allowedHosts(host, port);
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
