import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import type { DisplayMessage } from "./tslab-output";
import { closeBrowser, findChromium } from "./chromium";
import { lineFigure } from "./builders";
import { plotlyMime, show } from "./show";

const tslabJupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
const savedChromium = process.env.CHROMIUM_PATH;
afterEach(() => {
  tslabJupyter.lastWriteDisplayData = null;
  if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = savedChromium;
});

const figure = lineFigure({ title: "Loss", xTitle: "step", yTitle: "loss", series: [{ name: "sgd", x: [1, 2], y: [2, 1] }] });

test("a CHROMIUM_PATH that does not exist is reported, naming it", () => {
  assert.throws(() => findChromium({ CHROMIUM_PATH: "/nowhere/chrome" }), /CHROMIUM_PATH=\/nowhere\/chrome does not exist/);
  assert.equal(findChromium({ CHROMIUM_PATH: "none" }), null);
});

test("without Chromium, show still displays the plotly figure and says once on stderr why there is no PNG", async () => {
  process.env.CHROMIUM_PATH = "none";
  const calls: DisplayMessage[] = [];
  tslabJupyter.lastWriteDisplayData = (message: DisplayMessage) => calls.push(message);
  const notes: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => notes.push(s) > 0) as typeof process.stderr.write;
  try {
    await show(figure);
    await show(figure);
  } finally {
    process.stderr.write = write;
  }
  assert.equal(calls.length, 2);
  assert.deepEqual(Object.keys(calls[0].data), [plotlyMime, "text/plain"]);
  assert.equal(notes.length, 1);
  assert.match(notes[0], /static PNG of figures skipped.*apt-get install chromium/);
});

test("in tslab with Chromium, show emits one output with the figure, a PNG and a description", { skip: process.env.NO_BROWSER ? "NO_BROWSER is set (npm run test:unit)" : findChromium() === null ? "no Chromium" : false }, async () => {
  const calls: DisplayMessage[] = [];
  tslabJupyter.lastWriteDisplayData = (message: DisplayMessage) => calls.push(message);
  await show(figure, { width: 400, height: 300 });
  tslabJupyter.lastWriteDisplayData = null;
  await closeBrowser(); // inside a kernel it stays open
  assert.equal(calls.length, 1);
  const png = Buffer.from(calls[0].data["image/png"] as string, "base64");
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [400, 300]);
  assert.equal(calls[0].data["text/plain"], "Loss (1 trace: sgd)");
});
