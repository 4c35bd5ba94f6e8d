/**
 * JupyterLab driven as a learner drives it: `npm start -- --port P --no-browser` as a server, and
 * Chromium pages on it (playwright-core). Shared by the JupyterLab browser test and
 * `npm run bench-lab`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { repoRoot } from "../src/lesson/paths";

export interface LabServer {
  base: string;
  token: string;
  openUrl: string;
  child: ChildProcess;
  log: () => string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Starts `npm start -- --port P --no-browser` (its compiled script) and waits for its URL. */
export async function startLabServer(env: NodeJS.ProcessEnv = process.env): Promise<LabServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot, "dist", "scripts", "start-jupyter.js"), "--port", String(port), "--no-browser"], {
    cwd: repoRoot,
    detached: true, // its own process group, stopped as a whole in stopLabServer
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...env, JUPYTER_TOKEN: "" },
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 180 s:\n${log}`)), 180_000);
    const check = () => {
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\S*\?token=(\w+))/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => reject(new Error(`npm start exited (${code}):\n${log}`)));
  });
  const token = new URL(openUrl).searchParams.get("token")!;
  return { base: `http://127.0.0.1:${port}`, token, openUrl, child, log: () => log };
}

/** Stops the server's whole process group (SIGTERM, then SIGKILL after 10 s). */
export async function stopLabServer(s: LabServer | null): Promise<void> {
  if (!s || s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once("exit", r));
  try {
    process.kill(-s.child.pid!, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-s.child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** A call of the server's REST API with its token. */
export function labApi(s: LabServer, method: string, route: string, body?: unknown): Promise<Response> {
  return fetch(`${s.base}${route}`, {
    method,
    headers: { Authorization: `token ${s.token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Waits until every kernel reports idle through the REST API (twice, 1 s apart). */
export async function waitKernelIdle(s: LabServer, page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let idleSeen = 0;
  while (Date.now() < deadline) {
    const res = await labApi(s, "GET", "/api/kernels");
    const kernels = (await res.json()) as { execution_state: string }[];
    idleSeen = kernels.length > 0 && kernels.every((k) => k.execution_state === "idle") ? idleSeen + 1 : 0;
    if (idleSeen >= 2) return;
    await page.waitForTimeout(1000);
  }
  throw new Error(`the kernel did not go idle within ${timeoutMs / 1000} s`);
}

/** Opens `rel` (a path under the repository) in a fresh layout and waits for its kernel. */
export async function openNotebook(s: LabServer, page: Page, rel: string): Promise<Locator> {
  // `reset`: a fresh layout, not the one an earlier page left (another notebook open).
  await page.goto(`${s.base}/lab/tree/${rel.split(path.sep).join("/")}?reset&token=${s.token}`);
  const panel = page.locator(".jp-NotebookPanel:visible");
  await panel.locator(".jp-CodeCell").first().waitFor({ timeout: 120_000 });
  await waitKernelIdle(s, page, 120_000);
  return panel;
}

/** The texts of a notebook's stderr and error outputs. */
export function errorOutputs(panel: Locator): Promise<string[]> {
  return panel
    .locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
    .allInnerTexts();
}

/** Waits for queued cells to appear ([*]) and then for all of them to finish, kernel idle. */
export async function waitForRun(s: LabServer, page: Page): Promise<void> {
  const prompts = ".jp-InputPrompt";
  await page.waitForFunction((sel) => Array.from(document.querySelectorAll(sel)).some((p) => p.textContent?.includes("*")), prompts, { timeout: 120_000, polling: 100 });
  await page.waitForFunction((sel) => !Array.from(document.querySelectorAll(sel)).some((p) => p.textContent?.includes("*")), prompts, { timeout: 600_000, polling: 500 });
  await waitKernelIdle(s, page, 120_000);
}

/** Kernel > Restart Kernel and Run All Cells, confirmed. */
async function clickRestartAndRunAll(page: Page): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Kernel$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Restart Kernel and Run All Cells/ }).click();
  await page.locator(".jp-Dialog .jp-mod-accept").click();
}

/** Restart and Run All, until every cell has run and the kernel is idle. */
export async function restartAndRunAll(s: LabServer, page: Page): Promise<void> {
  await clickRestartAndRunAll(page);
  await waitForRun(s, page);
}

/**
 * Restart and Run All, timed in the page: seconds from the confirming click until the last code
 * cell's prompt turns from [*] to its number. Every prompt change is recorded as it happens (a
 * MutationObserver), so a cell that runs between two polls is not missed.
 */
export async function timedRestartAndRunAll(s: LabServer, page: Page, panel: Locator): Promise<number> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Kernel$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Restart Kernel and Run All Cells/ }).click();
  await panel.evaluate((root) => {
    const w = window as unknown as { labRun: { start: number; queued: Set<Element>; done: Map<Element, number> } };
    w.labRun = { start: 0, queued: new Set(), done: new Map() };
    const run = w.labRun;
    const prompts = () => Array.from(root.querySelectorAll(".jp-CodeCell .jp-InputPrompt"));
    new MutationObserver(() => {
      if (run.start === 0) return;
      for (const p of prompts()) {
        const text = p.textContent ?? "";
        if (text.includes("*")) run.queued.add(p);
        else if (run.queued.has(p) && /\[\d+\]/.test(text) && !run.done.has(p)) run.done.set(p, performance.now());
      }
    }).observe(root, { subtree: true, childList: true, characterData: true });
    const accept = document.querySelector(".jp-Dialog .jp-mod-accept");
    accept?.addEventListener("click", () => (run.start = performance.now()), { capture: true, once: true });
  });
  await page.locator(".jp-Dialog .jp-mod-accept").click();
  const cells = await panel.locator(".jp-CodeCell").count();
  const handle = await page.waitForFunction(
    ([root, n]) => {
      const run = (window as unknown as { labRun: { start: number; done: Map<Element, number> } }).labRun;
      if (root!.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')) return "error";
      return run.done.size >= n ? (Math.max(...run.done.values()) - run.start) / 1000 : null;
    },
    [await panel.elementHandle(), cells] as const,
    { timeout: 900_000, polling: 200 },
  );
  const seconds = (await handle.jsonValue()) as number | "error";
  if (seconds === "error") throw new Error(`a cell failed during Restart and Run All:\n${(await errorOutputs(panel)).join("\n")}`);
  await waitKernelIdle(s, page, 120_000);
  return seconds;
}
