/**
 * The one place that talks to tslab's private display channel.
 *
 * tslab's public `display.*` sends one MIME type per output, but a figure needs a single output
 * carrying several (plotly JSON for the live chart, a PNG for GitHub and nbconvert, text/plain).
 * tslab keeps the writer of the running cell in `tslab/dist/jupyter`'s `lastWriteDisplayData`;
 * we look that module up in the require cache, so nothing is loaded outside a tslab kernel and a
 * globally installed tslab is found as well as the project's own.
 */

/** The content of a Jupyter `display_data` / `update_display_data` message. */
export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient?: { display_id: string };
}

/** tslab's writer: sends `update_display_data` when `update` is true, else `display_data`. */
export type DisplayWriter = (message: DisplayMessage, update: boolean) => void;

const tslabJupyterModule = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/** The writer of the cell tslab is running, or null outside a tslab kernel. */
export function tslabWriter(): DisplayWriter | null {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!tslabJupyterModule.test(file)) continue;
    const writer = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === "function") return writer as DisplayWriter;
  }
  return null;
}

export interface OutputOptions {
  /** Name the output so later calls with `update: true` replace it in place. */
  displayId?: string;
  /** Replace the output named `displayId` instead of adding a new one. */
  update?: boolean;
}

/**
 * Emits one output holding every MIME type in `data` (binary values must already be base64).
 * Returns false, doing nothing, when not running inside tslab.
 */
export function displayOutput(data: Record<string, unknown>, options: OutputOptions = {}): boolean {
  const writer = tslabWriter();
  if (writer === null) return false;
  if (options.update && !options.displayId) {
    throw new Error("displayOutput: `update: true` needs the `displayId` of the output to replace");
  }
  const message: DisplayMessage = { data, metadata: {} };
  if (options.displayId) message.transient = { display_id: options.displayId };
  writer(message, options.update ?? false);
  return true;
}

/** True when running inside a tslab kernel (a cell's display writer is available). */
export function inTslab(): boolean {
  return tslabWriter() !== null;
}

const shutdownHooks: Array<() => void> = [];
type Closable = { prototype: { close?: (...args: unknown[]) => unknown } };
const patched = new WeakSet<object>();

/**
 * Run `hook` when the tslab kernel shuts down. tslab exits by closing its sockets and letting
 * the event loop drain, so anything we keep open (a browser for figures) would hold the kernel
 * until Jupyter kills it several seconds later. We wrap tslab's private `ZmqServer.close` (found
 * like the writer above) in every loaded copy: a kernel registered from a global or another
 * checkout's tslab hands over to the project's own, so two copies are loaded and only one runs.
 * Returns false outside a tslab kernel.
 */
export function onTslabShutdown(hook: () => void): boolean {
  let found = false;
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!tslabJupyterModule.test(file)) continue;
    const server = (mod?.exports as { ZmqServer?: Closable } | undefined)?.ZmqServer;
    const original = server?.prototype.close;
    if (typeof original !== "function") continue;
    found = true;
    if (patched.has(server!.prototype)) continue;
    patched.add(server!.prototype);
    server!.prototype.close = function (this: unknown, ...args: unknown[]) {
      for (const h of shutdownHooks.splice(0)) h();
      return original.apply(this, args);
    };
  }
  if (found) shutdownHooks.push(hook);
  return found;
}
