/**
 * docs/claims.md lists every claim of the stored notebooks (scripts/claims-listing.ts): it must
 * be what `npm run claims` writes from them now, and every `claim(...)` call must have printed
 * its line into the stored outputs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { chapterClaims, claimCalls, renderClaims, restatedSentence } from "../scripts/claims-listing";
import { claimsPage, storedChapters } from "../scripts/claims";
import { Notebook } from "../scripts/notebook-file";
import { makeNotebook } from "./notebooks-fixtures";

test("docs/claims.md is the listing of the stored notebooks (npm run claims writes it)", () => {
  const written = fs.existsSync(claimsPage) ? fs.readFileSync(claimsPage, "utf8") : "";
  assert.ok(written === renderClaims(storedChapters()), "docs/claims.md is out of date with the notebooks: run `npm run claims`");
});

test("every claim call in a stored notebook printed its line", () => {
  const unprinted = storedChapters().flatMap(({ name, nb }) =>
    chapterClaims(nb).unprinted.map((c) => `${name} cell ${c.cell} line ${c.line}: ${c.textPieces.map((p) => p ?? "...").join("")}`),
  );
  assert.deepEqual(unprinted, [], "re-run these chapters with `npm run lesson -- NN`");
});

/** A notebook of one prose cell and one code cell whose stdout is `printed`. */
function notebook(prose: string, code: string, printed: string): Notebook {
  const nb = makeNotebook([code]);
  nb.cells[0]!.source = prose;
  nb.cells[1]!.outputs = [{ output_type: "stream", name: "stdout", text: printed }];
  return nb;
}

const code = [
  'claim(`loss below ${limit} after ${epochs} epochs`, last < limit, { last: last });',
  "for (const lr of rates) lib.claim(\"rate \" + lr + \" (log scale) trains\", ok(lr));",
  'if (never) claim("a sentence never printed", true);',
].join("\n");

test("calls are found by parsing: spliced text, concatenations, qualified names, checks as written", () => {
  const calls = claimCalls(code, 1);
  assert.deepEqual(calls.map((c) => [c.line, c.textPieces, c.check]), [
    [1, ["loss below ", null, " after ", null, " epochs"], "last < limit"],
    [2, ["rate ", null, " (log scale) trains"], "ok(lr)"],
    [3, ["a sentence never printed"], "true"],
  ]);
  assert.deepEqual(claimCalls('const s = "claim(\\"not a call\\", true)"; // claim("nor this", true)', 0), []);
});

test("stored lines are matched to their calls; an unprinted call and an uncalled line are reported", () => {
  const printed = "\u2713 loss below 7 after 100 epochs (last 6.029)\n\u2713 rate 0.1 (log scale) trains\n" +
    "\u2717 rate 10 (log scale) trains\n\u2713 our SGD matches the reference\n";
  const nb = notebook("The loss ends below 7 after 100 epochs of training.", code, printed);
  const { entries, unprinted, uncalled } = chapterClaims(nb);
  assert.deepEqual(entries.map((e) => [e.call.line, e.holds, e.text, e.values]), [
    [1, true, "loss below 7 after 100 epochs", "last 6.029"],
    [2, true, "rate 0.1 (log scale) trains", ""],
    [2, false, "rate 10 (log scale) trains", ""],
  ]);
  assert.deepEqual(unprinted.map((c) => c.line), [3]);
  assert.deepEqual(uncalled, [{ cell: 1, line: "\u2713 our SGD matches the reference" }]);
  assert.equal(entries[0]!.prose, "The loss ends below 7 after 100 epochs of training.");
});

test("the restated sentence is the prose sentence sharing most of the claim's words, or none", () => {
  const nb = notebook("Prices rose fast. Validation losses end between 5 and 7 for both rates.", "", "");
  assert.equal(restatedSentence(nb, 1, "both rates end with a validation loss between 5 and 7"), "Validation losses end between 5 and 7 for both rates.");
  assert.equal(restatedSentence(nb, 1, "the gradient check agrees on every parameter"), null);
});

test("the page shows each claim's verdict, sentence, check and values in one table row, pipes escaped", () => {
  const nb = notebook("", 'claim("a or b", a || b, { a: 1 });', "\u2717 a or b (a 1)\n");
  const page = renderClaims([{ name: "01-x.ipynb", nb }]);
  assert.match(page, /^## 01-x\.ipynb$/m);
  assert.ok(page.includes("| 1 | \u2717 | a or b | ` a \\|\\| b ` | a 1 |  |"), page);
});
