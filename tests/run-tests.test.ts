import { test } from "node:test";
import assert from "node:assert/strict";
import { callSites, shortfalls } from "../scripts/test/run-tests";

test("callSites counts named test( and it( calls, not t.test or words ending in test", () => {
  // Built from pieces, so that this file's own call sites are only the two tests below.
  const [t, i, q] = ["te" + "st(", "i" + "t(", '"'];
  const source = `${t}${q}a${q}, f);\n${i}\`b\`, f);\nawait t.${t}${q}c${q}, f);\nla${t}${q}d${q});\nfor (const x of xs) ${t}\`e\`, f);`;
  assert.equal(callSites(source), 3);
});

test("shortfalls names every file that reported fewer tests than its call sites, or none", () => {
  const expected = new Map([["/a.test.js", 2], ["/b.test.js", 1], ["/c.test.js", 1]]);
  const reported = [{ file: "/a.test.js" }, { file: "/a.test.js" }, { file: "/a.test.js" }, { file: null }];
  assert.deepEqual(shortfalls(expected, reported), [
    { file: "/b.test.js", expected: 1, ran: 0 },
    { file: "/c.test.js", expected: 1, ran: 0 },
  ]);
  // A folder run as one module (Node 22+) reports one test with no per-file events: every file falls short.
  assert.equal(shortfalls(expected, [{ file: "/dist" }]).length, 3);
});
