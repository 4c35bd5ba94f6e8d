import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileStamp, isConfinedDir, realRoot } from "./confined";
import { holdDir, type HeldDir } from "./held-dir";
import { checkSegment, isSafeSegment, metaFile, metricsFile, runsRoot, summaryFile } from "./layout";
import { readRun, readRunAsync } from "./run-folder";
import { nullProto, plainData } from "./stored-values";
import type { LoadedRun, RunInfo, RunMeta } from "./types";

/** Where to read runs from; defaults as in initRun ($RUNS_DIR, else `<repoRoot>/runs`). */
export interface ReadOptions {
  dir?: string;
  /** Called with each reading problem; defaults to console.warn. Pass `() => {}` to collect them silently. */
  warn?: (message: string) => void;
}

/** Project names under the runs root, sorted. An absent root has no projects. */
export function listProjects(options: ReadOptions = {}): string[] {
  const root = realRoot(runsRoot(options.dir));
  return subfolders(root).filter((name) => isConfinedDir(root, name));
}

/** How many run folders a project holds, without reading them. */
export function countRuns(project: string, options: ReadOptions = {}): number {
  checkSegment("project", project);
  return subfolders(path.join(realRoot(runsRoot(options.dir)), project)).length;
}

/** The runs of a project, oldest first, without their histories. */
export function listRuns(project: string, options: ReadOptions = {}): RunInfo[] {
  return listRunsShared(project, options).map((info) => withLiveState(info));
}

/**
 * listRuns without defensive copies, for the dashboard, which only reads: a run that did not
 * change comes back as the very same object, so a response built from them can be reused.
 */
export function listRunsShared(project: string, options: ReadOptions = {}): ReadonlyArray<Readonly<RunInfo>> {
  checkSegment("project", project);
  const root = realRoot(runsRoot(options.dir));
  if (!isConfinedDir(root, project)) return [];
  return subfolders(path.join(root, project))
    .flatMap((id) => {
      try {
        return [withWarnings(listedRun(root, project, id), options)];
      } catch (error) {
        return damagedRow(root, project, id, error, options);
      }
    })
    .sort(byCreation);
}

/**
 * listRunsShared without blocking, for the dashboard's polls: a run without summary whose
 * metrics file changed (one still being written) is read and parsed in slices, so a very large
 * one does not hold up other requests. Same cache as listRunsShared; concurrent polls of one
 * changed run share one read.
 */
export async function listRunsSharedAsync(project: string, options: ReadOptions = {}): Promise<ReadonlyArray<Readonly<RunInfo>>> {
  checkSegment("project", project);
  const root = realRoot(runsRoot(options.dir));
  if (!isConfinedDir(root, project)) return [];
  const runs: RunInfo[] = [];
  // One run at a time: 200 changed runs read at once would hold all their files in memory.
  for (const id of subfolders(path.join(root, project))) {
    try {
      runs.push(withWarnings(await listedRunAsync(root, project, id), options));
    } catch (error) {
      runs.push(...damagedRow(root, project, id, error, options));
    }
  }
  return runs.sort(byCreation);
}

/**
 * A run that could not be read at all: one row saying why, so that it never hides its
 * neighbours. A folder removed while being read is simply gone.
 */
function damagedRow(root: string, project: string, id: string, error: unknown, options: ReadOptions): RunInfo[] {
  const dir = path.join(root, project, id);
  let isFolder = false;
  try {
    isFolder = fs.lstatSync(dir).isDirectory(); // a symlink is never listed
  } catch {
    // gone
  }
  if (!isFolder) return [];
  const reason = `${project}/${id}: could not be read: ${error instanceof Error ? error.message : String(error)}`;
  const info: RunInfo = {
    id, project, name: id, config: Object.create(null), createdAt: new Date(0).toISOString(), pid: -1, host: "",
    metrics: Object.create(null), dir, state: "unfinished", records: 0, final: Object.create(null), warnings: [reason],
  };
  return [withWarnings(info, options)];
}

function byCreation(a: RunInfo, b: RunInfo): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** One run with its full metric history. Throws if the run folder does not exist. */
export function loadRun(project: string, id: string, options: ReadOptions = {}): LoadedRun {
  checkSegment("project", project);
  checkSegment("run id", id);
  const root = realRoot(runsRoot(options.dir));
  if (!isConfinedDir(root, project, id)) {
    throw new Error(`no run "${id}" in project "${project}" (looked in ${path.join(root, project)}; symlinked folders are not followed)`);
  }
  return withWarnings(loadedRun(root, project, id, true), options);
}

/**
 * loadRun for the dashboard, which only reads: no defensive copy of the history (a million-record
 * history is not copied per figure request), and no blocking: the metrics file is read and parsed
 * in slices, so the server answers other requests while a large run is read cold. Fills the same
 * cache as loadRun; concurrent requests for one cold run share one read.
 */
export async function loadRunSharedAsync(project: string, id: string, options: ReadOptions = {}): Promise<Readonly<LoadedRun>> {
  checkSegment("project", project);
  checkSegment("run id", id);
  const root = realRoot(runsRoot(options.dir));
  if (!isConfinedDir(root, project, id)) throw new Error(`no run "${id}" in project "${project}"`);
  const dir = path.join(root, project, id);
  const held = holdRun(root, project, id);
  try {
    const key = runKey(held.path);
    const cached = cachedRun(dir, key, false);
    if (cached) return withWarnings(cached, options);
    const flight = shareFlight(reading, `${dir}\0${key}`, async () => {
      const { info, history } = await readRunAsync(dir, project, id, true, held.path);
      return { ...info, history };
    });
    const run = remember(dir, key, await flight);
    return withWarnings(withLiveState(run, false), options);
  } finally {
    held.close();
  }
}

/** The run folder held open (see held-dir.ts); throws when it is gone or was swapped for a symlink. */
function holdRun(root: string, project: string, id: string): HeldDir {
  const held = holdDir(root, project, id);
  if (!held) throw new Error(`no run "${id}" in project "${project}" (looked in ${path.join(root, project)}; symlinked folders are not followed)`);
  return held;
}

/** The runs of a project with their histories (for a comparison). */
export function loadRuns(project: string, options: ReadOptions = {}): LoadedRun[] {
  return listRuns(project, { ...options, warn: () => {} }).map((r) => loadRun(project, r.id, options));
}

/**
 * Caches, keyed by the size, mtime and inode of a run's three files: a dashboard polling 2,000
 * runs rereads only those that changed. Whether an unsummarised run is running or unfinished is
 * asked afresh each time (its process may have died since).
 */
const listed = new Map<string, ListedEntry>();
const loaded = new Map<string, { key: string; run: LoadedRun }>();
/** Cold reads in progress (async paths), by folder and key. */
const reading = new Map<string, Promise<LoadedRun>>();
const listing = new Map<string, Promise<RunInfo>>();
const maxListed = 50_000;
/** Histories kept: a few runs' worth, since one may hold a million records. */
const maxLoadedRecords = 3_000_000;

function runKey(dir: string): string {
  return [metaFile, summaryFile, metricsFile].map((f) => fileStamp(path.join(dir, f))).join("|");
}

/** The cached info of a run; for a run without summary, a cached copy per state (running or unfinished). */
function listedRun(root: string, project: string, id: string): RunInfo {
  const dir = path.join(root, project, id);
  const held = holdRun(root, project, id);
  try {
    const key = runKey(held.path);
    const hit = listed.get(dir);
    return liveListed(hit?.key === key ? hit : rememberListed(dir, key, readRun(dir, project, id, false, held.path).info));
  } finally {
    held.close();
  }
}

/** listedRun whose cache misses read without blocking. */
async function listedRunAsync(root: string, project: string, id: string): Promise<RunInfo> {
  const dir = path.join(root, project, id);
  const held = holdRun(root, project, id);
  try {
    const key = runKey(held.path);
    const hit = listed.get(dir);
    if (hit?.key === key) return liveListed(hit);
    const flight = shareFlight(listing, `${dir}\0${key}`, async () => (await readRunAsync(dir, project, id, false, held.path)).info);
    const info = await flight;
    // Another request may have cached this run meanwhile: keep its entry, so both get the same objects.
    const now = listed.get(dir);
    return liveListed(now?.key === key ? now : rememberListed(dir, key, info));
  } finally {
    held.close();
  }
}

type ListedEntry = { key: string; info: RunInfo; live: Map<string, RunInfo> };

function rememberListed(dir: string, key: string, info: RunInfo): ListedEntry {
  if (listed.size >= maxListed) listed.clear();
  const entry: ListedEntry = { key, info, live: new Map() };
  listed.set(dir, entry);
  return entry;
}

/** The cached info, with a run without summary in its current state (one cached copy per state). */
function liveListed(hit: ListedEntry): RunInfo {
  if (hit.info.state === "finished" || hit.info.state === "failed") return hit.info;
  const state = isWriterAlive(hit.info) ? "running" : "unfinished";
  let copy = hit.live.get(state);
  if (!copy) hit.live.set(state, (copy = { ...hit.info, state }));
  return copy;
}

/** The read in progress under `key`, or a new one: concurrent requests for one run share it. */
function shareFlight<T>(flights: Map<string, Promise<T>>, key: string, start: () => Promise<T>): Promise<T> {
  let flight = flights.get(key);
  if (!flight) {
    flight = start().finally(() => flights.delete(key));
    flights.set(key, flight);
  }
  return flight;
}

function loadedRun(root: string, project: string, id: string, copyHistory: boolean): LoadedRun {
  const dir = path.join(root, project, id);
  const held = holdRun(root, project, id);
  try {
    const key = runKey(held.path);
    const cached = cachedRun(dir, key, copyHistory);
    if (cached) return cached;
    const { info, history } = readRun(dir, project, id, true, held.path);
    return withLiveState(remember(dir, key, { ...info, history }), copyHistory);
  } finally {
    held.close();
  }
}

/** The cached run under this key, marked most recently used, or null. */
function cachedRun(dir: string, key: string, copyHistory: boolean): LoadedRun | null {
  const hit = loaded.get(dir);
  if (hit?.key !== key) return null;
  loaded.delete(dir); // most recently used goes last
  loaded.set(dir, hit);
  return withLiveState(hit.run, copyHistory);
}

/** Cache a run just read, dropping the least recently used beyond the record budget. */
function remember(dir: string, key: string, run: LoadedRun): LoadedRun {
  loaded.delete(dir);
  loaded.set(dir, { key, run });
  let total = 0;
  for (const entry of loaded.values()) total += entry.run.history.length;
  for (const [oldest, entry] of loaded) {
    if (total <= maxLoadedRecords || entry.run === run) break;
    total -= entry.run.history.length;
    loaded.delete(oldest);
  }
  return run;
}

/** A copy whose state reflects, for a run without summary, whether its writer is alive now. */
function withLiveState<T extends RunInfo>(info: T, copyHistory = true): T {
  // Copies of everything a caller might edit, so that no edit reaches the cache.
  const copy: T = {
    ...info, config: plainData(info.config) as RunInfo["config"], metrics: plainData(info.metrics) as RunInfo["metrics"],
    final: nullProto(info.final), warnings: [...info.warnings],
  };
  if ("history" in copy && copyHistory) (copy as unknown as LoadedRun).history = (info as unknown as LoadedRun).history.map(nullProto);
  if (info.state === "finished" || info.state === "failed") return copy;
  copy.state = isWriterAlive(info) ? "running" : "unfinished";
  return copy;
}

function withWarnings<T extends RunInfo>(info: T, options: ReadOptions): T {
  const warn = options.warn ?? ((message: string) => console.warn(`warning: ${message}`));
  for (const message of info.warnings) warn(message);
  return info;
}

/** A run without a summary is "running" only if its writer is a live process on this machine. */
function isWriterAlive(meta: Pick<RunMeta, "pid" | "host">): boolean {
  if (meta.pid <= 0 || meta.host !== os.hostname()) return false;
  try {
    process.kill(meta.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Real sub-folders with safe names: symlinks (to folders or not) are not listed. */
function subfolders(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isDirectory() && isSafeSegment(e.name)).map((e) => e.name).sort();
}
