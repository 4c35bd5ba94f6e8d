/**
 * The render service that draws figure PNGs for every kernel (the lesson runner's and npm start's):
 * it answers only its secret path, only to POST, and serves a figure it drew before from the cache.
 * npm start's kernels get it and the cell cache through their environment.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findChromium } from "../src/lesson/notebook/chromium";
import { renderServiceVariable } from "../src/lesson/notebook/render";
import { startRenderService } from "../scripts/render-service";
import { describeServices, kernelServices } from "../scripts/start-jupyter";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "render-service-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const figure = { figure: { data: [{ type: "scatter", x: [1, 2, 3], y: [3, 1, 2] }], layout: { title: { text: "t" } } }, size: { width: 300, height: 200 } };
const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [];
}

test("the render service draws a PNG at its secret path, refuses other paths and methods, and caches", async (t) => {
  if (findChromium() === null) {
    console.error("*** SKIPPED the render service test: no Chromium (it would check PNGs drawn for kernels) ***");
    return t.skip("no Chromium");
  }
  const cacheDir = path.join(scratch, "cache");
  const service = await startRenderService({ ...process.env, LESSON_CACHE_DIR: cacheDir });
  assert.ok(service);
  try {
    const url = new URL(service.url);
    assert.equal(url.hostname, "127.0.0.1");
    assert.match(url.pathname, /^\/[0-9a-f]{32}\/$/, "the path is a secret");

    assert.equal((await post(`${url.origin}/`, figure)).status, 404, "the bare port answers nothing");
    assert.equal((await post(`${url.origin}/${"0".repeat(32)}/`, figure)).status, 404, "a guessed path answers nothing");
    const get = await fetch(service.url);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST");

    const first = await post(service.url, figure);
    assert.equal(first.status, 200, await first.clone().text());
    const png = Buffer.from(await first.arrayBuffer());
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG");
    assert.equal(png.readUInt32BE(16), 300, "of the requested width");
    assert.equal(png.readUInt32BE(20), 200, "and height");
    assert.equal(filesUnder(path.join(cacheDir, "figure-png")).length, 1, "kept in the figure cache");
    const again = Buffer.from(await (await post(service.url, figure)).arrayBuffer());
    assert.ok(again.equals(png), "the same figure gets the same bytes");
  } finally {
    await service.close();
  }
});

test("npm start's kernels get the cell cache and the render service, or are told they do not", async () => {
  const { env, service } = await kernelServices({ ...process.env, LESSON_CACHE_DIR: path.join(scratch, "start-cache"), [renderServiceVariable]: "" });
  try {
    assert.match(env.NODE_OPTIONS ?? "", /--require "[^"]*install-cell-cache\.js"/);
    if (service) {
      assert.equal(env[renderServiceVariable], service.url);
      assert.match(describeServices(env), /cell cache; one shared Chromium draws/);
    } else {
      assert.equal(findChromium(), null, "no service only without Chromium");
      assert.match(describeServices(env), /each kernel draws its own/);
    }
  } finally {
    await service?.close();
  }
  const off = await kernelServices({ ...process.env, LESSON_CACHE: "off", [renderServiceVariable]: "http://127.0.0.1:9/given/" });
  assert.equal(off.service, null, "a service already announced is kept");
  assert.equal(off.env[renderServiceVariable], "http://127.0.0.1:9/given/");
  assert.doesNotMatch(off.env.NODE_OPTIONS ?? "", /install-cell-cache/);
  assert.match(describeServices(off.env), /the cell cache is off/);
});
