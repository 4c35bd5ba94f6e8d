/**
 * Checking a learner's function (a schedule, a moving average, a formula) against a reference at
 * chosen inputs: the first input where they differ is named with both values. Never throws. Its
 * line is an exercise line (exercise-line.ts).
 */
import { exerciseLine } from "./exercise-line";

export interface FunctionCheck {
  ok: boolean;
  /** The first input where the two differ, with both outputs. */
  first?: { input: number; learner: number; reference: number };
  line: string;
}

export function checkFunction(
  name: string,
  learner: (input: number) => number,
  reference: (input: number) => number,
  inputs: Iterable<number>,
  options: { tolerance?: number; print?: boolean } = {},
): FunctionCheck {
  const tolerance = options.tolerance ?? 1e-12;
  let count = 0;
  let result: FunctionCheck | null = null;
  for (const input of inputs) {
    count += 1;
    let mine: number;
    try {
      mine = learner(input);
    } catch (e) {
      result = { ok: false, line: exerciseLine(`${name} threw at ${input}: ${(e as Error).message}`, false) };
      break;
    }
    const theirs = reference(input);
    const scale = Math.max(Math.abs(theirs), 1e-300);
    if (!(Math.abs(mine - theirs) / scale <= tolerance) && mine !== theirs) {
      result = {
        ok: false,
        first: { input, learner: mine, reference: theirs },
        line: exerciseLine(`${name} first differs from the reference at ${input}`, false, { yours: String(mine), reference: String(theirs) }),
      };
      break;
    }
  }
  result ??= { ok: true, line: exerciseLine(`${name} matches the reference at all ${count} inputs`, true) };
  if (options.print ?? true) console.log(result.line);
  return result;
}
