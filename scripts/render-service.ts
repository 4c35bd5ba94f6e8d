/**
 * The runner's render service: one headless Chromium, with plotly.js loaded once, draws the PNG
 * of every figure of every kernel it runs. It listens on 127.0.0.1 and is announced to the
 * kernels in $LESSON_RENDER_URL (see src/lesson/notebook/render.ts, which falls back to drawing
 * in the kernel when the service is unreachable).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { closeBrowser, findChromium } from "../src/lesson/notebook/chromium";
import { RenderRequest, prepareRenderer, renderPngHere } from "../src/lesson/notebook/render";
import { cacheRoot } from "./cache/files";
import { FigureCache } from "./cache/figure-cache";

export interface RenderService {
  url: string;
  close(): Promise<void>;
}

/** Starts the service, or returns null when there is no Chromium (figures then get no PNG). */
export async function startRenderService(env: NodeJS.ProcessEnv = process.env): Promise<RenderService | null> {
  const chromium = findChromium(env);
  if (chromium === null) return null;
  const root = cacheRoot(env);
  const cache = root === null ? null : new FigureCache(path.join(root, "figure-png"), chromium);
  // One page draws one figure at a time; requests queue up here, in arrival order. With a cache,
  // Chromium starts only when a figure is not in it; without, it starts now.
  let queue: Promise<unknown> = cache ? Promise.resolve() : prepareRenderer().catch(() => undefined); // retried by the first render
  // The kernels learn the address, secret path included, from $LESSON_RENDER_URL; another local
  // process that finds the port is refused.
  const secret = `/${randomBytes(16).toString("hex")}/`;
  const server = http.createServer((req, res) => {
    if (req.url !== secret) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST", "content-type": "text/plain" }).end("POST a figure");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const cached = cache?.get(body);
      if (cached) {
        res.writeHead(200, { "content-type": "image/png" }).end(cached);
        return;
      }
      const job = queue.then(async () => {
        const { figure, size } = JSON.parse(body) as RenderRequest;
        const png = await renderPngHere(figure, size, true);
        cache?.put(body, png);
        return png;
      });
      queue = job.catch(() => undefined);
      job.then(
        (png) => res.writeHead(200, { "content-type": "image/png" }).end(png),
        (e: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(e.message),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${secret}`,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections(); // kernels' keep-alive connections
      await closed;
      await queue;
      await closeBrowser();
    },
  };
}
