/**
 * The edits a learner types into a chapter's settings: every `const name = <number>` line of a code
 * cell is a setting, and each of its values is retyped as a different plain literal (`3e-4`, `64`,
 * `200`, `0.95`). A literal keeps its literal type in TypeScript, so these edits are the ones that
 * reach comparisons an expression such as `3 * 1e-4` would slip past.
 */
import { Notebook, joinText } from "../scripts/notebook-file";

/** `const a = 1e-4;` or `const a = 0.9, b = 32;`: every declarator a plain number. */
const settingLine = /^const ((?:[A-Za-z_]\w* = -?[0-9][0-9.e+-]*)(?:, [A-Za-z_]\w* = -?[0-9][0-9.e+-]*)*);(.*)$/;
const declarator = /([A-Za-z_]\w*) = (-?[0-9][0-9.e+-]*)/g;

export interface SettingEdit {
  cell: number;
  name: string;
  from: string;
  to: string;
}

/** Shortest decimal text of `x`, as a person would type it. */
function typed(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * Another value for a setting, written as a literal: `1e-4` -> `3e-4` (`3e-4` -> `1e-4`), an
 * integer doubled, a fraction at or above one half moved halfway to 1 (0.9 -> 0.95), a smaller
 * one halved.
 */
export function retyped(text: string): string {
  const scientific = /^([0-9.]+)e(-?[0-9]+)$/.exec(text);
  if (scientific) return `${scientific[1] === "3" ? "1" : "3"}e${scientific[2]}`;
  const value = Number(text);
  if (Number.isInteger(value)) return typed(value * 2);
  if (value > 0 && value < 1) return typed(value >= 0.5 ? (1 + value) / 2 : value / 2);
  return typed(value * 2);
}

/** Every setting of `nb` with the value the edit gives it. */
export function settingEdits(nb: Notebook): SettingEdit[] {
  const edits: SettingEdit[] = [];
  nb.cells.forEach((c, cell) => {
    if (c.cell_type !== "code") return;
    for (const line of joinText(c.source).split("\n")) {
      const m = settingLine.exec(line);
      if (!m) continue;
      for (const d of m[1].matchAll(declarator)) edits.push({ cell, name: d[1], from: d[2], to: retyped(d[2]) });
    }
  });
  return edits;
}

/** A copy of `nb` with every setting retyped by `settingEdits`, outputs cleared. */
export function withSettingsRetyped(nb: Notebook): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  copy.cells.forEach((c) => {
    if (c.cell_type !== "code") return;
    c.source = joinText(c.source).split("\n").map((line) => {
      const m = settingLine.exec(line);
      if (!m) return line;
      return `const ${m[1].replace(declarator, (_, name: string, value: string) => `${name} = ${retyped(value)}`)};${m[2]}`;
    }).join("\n");
    Object.assign(c, { outputs: [], execution_count: null });
  });
  return copy;
}
