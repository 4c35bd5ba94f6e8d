"""Execute one notebook in a fresh kernel and write the result, even when a cell fails.

    python3 execute_notebook.py SOURCE.ipynb OUTPUT.ipynb [--timeout SECONDS] [--kernel NAME]

Used by the lesson runner (scripts/lesson.ts) and the notebook tests. Unlike
`jupyter nbconvert --execute`, it keeps the outputs up to and including a failing cell (tslab
writes its compile errors to the cell's stderr, and nbconvert would discard them) and reports
which cell failed. The kernel runs in SOURCE's folder. Prints one JSON line:
    {"ok": true} or {"ok": false, "cell": INDEX, "error": "..."}
Exit status 0 when every cell ran, 1 when a cell failed, 2 on bad usage or kernel start failure.
"""
import argparse
import json
import os
import sys

import nbformat
from nbclient import NotebookClient


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("output")
    ap.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    ap.add_argument("--kernel", default="tslab")
    args = ap.parse_args()

    nb = nbformat.read(args.source, as_version=4)
    client = NotebookClient(
        nb,
        timeout=args.timeout,
        kernel_name=args.kernel,
        record_timing=False,  # no timestamps in cell metadata: reruns should not churn diffs
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.source))}},
    )
    result = {"ok": True}
    count = 0
    try:
        with client.setup_kernel():
            # As `nbclient.execute` does: store the kernel's own language_info, so that opening
            # the notebook in Jupyter (which writes the kernel's reply there) changes nothing.
            reply = client.wait_for_reply(client.kc.kernel_info())
            if reply is not None and "language_info" in reply["content"]:
                nb.metadata["language_info"] = reply["content"]["language_info"]
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                count += 1
                try:
                    client.execute_cell(cell, index)
                except Exception as e:  # CellExecutionError, CellTimeoutError, DeadKernelError
                    result = {"ok": False, "cell": index, "error": f"{type(e).__name__}: {e}"}
                    break
                finally:
                    # tslab sends no execute_input, so nbclient leaves the count empty.
                    cell.execution_count = count
    except Exception as e:
        print(json.dumps({"ok": False, "cell": None, "error": f"kernel: {type(e).__name__}: {e}"}))
        return 2
    nbformat.write(nb, args.output)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
