/**
 * npm 11 runs no dependency's install script unless package.json's `allowScripts` covers it, and
 * warns for each one it skipped. Every package in the lock file that has an install script must be
 * named there, approved or denied on purpose, so `npm install` prints no such warning.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");
const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, name), "utf8"));

/** The package name in a lock-file key such as "node_modules/a/node_modules/@s/b". */
const packageName = (key: string): string => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);

test("every dependency with an install script is approved or denied in allowScripts", () => {
  const lock = readJson("package-lock.json") as { packages: Record<string, { hasInstallScript?: boolean }> };
  const allow = (readJson("package.json").allowScripts ?? {}) as Record<string, boolean>;
  const named = new Set(Object.keys(allow).map((k) => k.replace(/(.)@.*$/, "$1")));
  const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([k]) => packageName(k));
  assert.ok(withScripts.length > 0, "the lock file lists no install script: the check would test nothing");
  assert.deepEqual(withScripts.filter((name) => !named.has(name)), []);
});

test("allowScripts names no package that is not installed", () => {
  const lock = readJson("package-lock.json") as { packages: Record<string, unknown> };
  const installed = new Set(Object.keys(lock.packages).map(packageName));
  const allow = Object.keys(readJson("package.json").allowScripts ?? {}).map((k) => k.replace(/(.)@.*$/, "$1"));
  assert.deepEqual(allow.filter((name) => !installed.has(name)), []);
});
