/**
 * The line an exercise check prints. A correct attempt reads as a claim that holds ("exercise ✓
 * ..."). Anything else, the untouched starting code included, reads as an exercise still open:
 * "exercise: waiting for your code: ...", with what differs, and no ✗, since nothing the chapter
 * states has failed.
 */
import { ClaimValues, claimLine } from "../notebook/claim";

export const exerciseOpen = "exercise: waiting for your code:";

export function exerciseLine(text: string, done: boolean, values: ClaimValues = {}): string {
  if (done) return `exercise ${claimLine(text, true, values)}`;
  return `${exerciseOpen} ${claimLine(text, false, values).replace(/^\S+ /, "")}`;
}
