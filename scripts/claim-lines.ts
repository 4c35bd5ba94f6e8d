import { CLAIM_FAILS, CLAIM_HOLDS } from "../src/lesson/notebook/claim";
import { Cell, Notebook, joinText } from "./notebook-file";

/** The claim lines (✓ or ✗ first, as `claim` prints them) in a code cell's stored stdout. */
export function cellClaimLines(cell: Cell | undefined): string[] {
  return (cell?.outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name !== "stderr")
    .flatMap((o) => joinText(o.text).split("\n"))
    .filter((l) => l.startsWith(`${CLAIM_HOLDS} `) || l.startsWith(`${CLAIM_FAILS} `));
}

/** Every claim line a notebook stores, in cell order. */
export function claimLines(nb: Notebook): string[] {
  return nb.cells.flatMap(cellClaimLines);
}
