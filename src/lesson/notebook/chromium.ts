/**
 * One headless Chromium shared by every figure rendered in a process: launching takes about a
 * second, a render afterwards about 0.1 s. The browser is started on first use.
 *
 * Inside a tslab kernel it stays open for the kernel's life and is closed when the kernel shuts
 * down. In a plain node script an idle browser would keep the process alive, so there it is
 * closed as soon as no render has been asked for a short moment.
 */
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { onTslabShutdown } from "./tslab-output";

const candidates = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export const chromiumInstallHint =
  "install Chromium (Debian/Ubuntu: `apt-get install chromium fonts-liberation`) or set CHROMIUM_PATH to a Chrome/Chromium binary";

/**
 * The Chromium to drive: $CHROMIUM_PATH, else the first common location that exists, else null.
 * CHROMIUM_PATH=none turns static images off (figures are then interactive only).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv === "none") return null;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist; ${chromiumInstallHint}`);
    return fromEnv;
  }
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

const launchArgs = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let browser: Promise<Browser> | null = null;
let users = 0;
let idleTimer: NodeJS.Timeout | null = null;

/** Milliseconds an unused browser survives in a plain node process. */
const idleCloseMs = 300;

async function launch(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  // handleSIGINT false: a kernel interrupt is a SIGINT and must stop the cell, not the browser.
  const b = await chromium.launch({ executablePath, args: launchArgs, handleSIGINT: false });
  b.on("disconnected", () => {
    browser = null;
  });
  return b;
}

/**
 * A headless Chromium of the caller's own (tests, screenshot scripts), with the same flags, or
 * an error saying how to install one.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === null) throw new Error(`no Chromium found; ${chromiumInstallHint}`);
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, args: launchArgs });
}

/**
 * Runs `work` with the shared browser, launching it if needed.
 * `keepOpen` (true inside tslab) leaves it running afterwards; otherwise it closes when idle.
 */
export async function withBrowser<T>(executablePath: string, keepOpen: boolean, work: (b: Browser) => Promise<T>): Promise<T> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  users++;
  try {
    if (browser === null) {
      // A kept-open browser must not hold the kernel alive when Jupyter asks it to shut down.
      if (keepOpen) onTslabShutdown(() => void closeBrowser());
      browser = launch(executablePath);
      browser.catch(() => (browser = null));
    }
    return await work(await browser);
  } finally {
    users--;
    if (!keepOpen && users === 0) idleTimer = setTimeout(() => void closeBrowser(), idleCloseMs);
  }
}

/** Closes the shared browser if one is running. */
export async function closeBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const b = browser;
  browser = null;
  if (b) await (await b).close().catch(() => undefined);
}
