"""Execute notebooks, each in a fresh kernel, several at once; write each result even when a cell fails.

    python3 execute_notebook.py [--jobs N] [--timeout SECONDS] [--kernel NAME] [--wait-for-go] SOURCE OUTPUT [SOURCE OUTPUT ...]

Used by the lesson runner (scripts/lesson.ts) and the notebook tests. One process runs every
notebook (importing nbclient alone takes seconds in some Pythons), with up to N kernels at once
(default 1), started in the order given. Unlike `jupyter nbconvert --execute`, it keeps the
outputs up to and including a failing cell (tslab writes its compile errors to the cell's stderr,
and nbconvert would discard them) and reports which cell failed. Each kernel runs in its
SOURCE's folder. Prints one JSON line per notebook as soon as its OUTPUT is written:
    {"index": I, "ok": true, "times": {...}}
    {"index": I, "ok": false, "cell": INDEX or null, "error": "...", "times": {...}}
I is the notebook's position in the arguments; cell null means the notebook could not be read
or its kernel did not start, and then OUTPUT is not written. "times" holds seconds from the kernel's start: "ready" (it answers),
"first_output" (the first cell output arrived) and "last_cell" (the last cell finished), each
null when not reached.
With --wait-for-go, the I-th notebook's kernel starts only once a line "I" arrives on standard
input (or the input ends): the lesson runner compiles each notebook's cells meanwhile, see
scripts/cache/precompile.ts.
Exit status 0 when every notebook ran, 1 when one failed, 2 on bad usage.
"""
import argparse
import asyncio
import json
import os
import sys
import threading
import time

import nbformat
from nbclient import NotebookClient


class TimedClient(NotebookClient):
    """Notes when the first cell output arrives."""

    first_output = None

    def output(self, outs, msg, display_id, cell_index):
        if self.first_output is None:
            self.first_output = time.monotonic()
        return super().output(outs, msg, display_id, cell_index)


def emit(report):
    print(json.dumps(report), flush=True)


async def run_notebook(index, source, output, args, slots, go):
    await go.wait()
    async with slots:
        try:
            nb = nbformat.read(source, as_version=4)
        except Exception as e:
            emit({"index": index, "ok": False, "cell": None, "error": f"cannot read {source}: {e}", "times": {}})
            return False
        client = TimedClient(
            nb,
            timeout=args.timeout,
            kernel_name=args.kernel,
            record_timing=False,  # no timestamps in cell metadata: reruns should not churn diffs
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}},
        )
        start = time.monotonic()
        marks = {"ready": None, "last_cell": None}

        def times():
            since = lambda t: None if t is None else round(t - start, 3)
            return {"ready": since(marks["ready"]), "first_output": since(client.first_output),
                    "last_cell": since(marks["last_cell"])}

        result = {"ok": True}
        written = False
        try:
            async with client.async_setup_kernel():
                marks["ready"] = time.monotonic()
                # As `nbclient.execute` does: store the kernel's own language_info, so that opening
                # the notebook in Jupyter (which writes the kernel's reply there) changes nothing.
                reply = await client.async_wait_for_reply(client.kc.kernel_info())
                if reply is not None and "language_info" in reply["content"]:
                    nb.metadata["language_info"] = reply["content"]["language_info"]
                count = 0
                for cell_index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    count += 1
                    try:
                        await client.async_execute_cell(cell, cell_index)
                    except Exception as e:  # CellExecutionError, CellTimeoutError, DeadKernelError
                        result = {"ok": False, "cell": cell_index, "error": f"{type(e).__name__}: {e}"}
                        break
                    finally:
                        # tslab sends no execute_input, so nbclient leaves the count empty.
                        cell.execution_count = count
                if result["ok"]:
                    marks["last_cell"] = time.monotonic()
                # Written and reported before the kernel shuts down: the runner need not wait.
                nbformat.write(nb, output)
                written = True
                emit({"index": index, **result, "times": times()})
        except Exception as e:
            if written:
                return result["ok"]  # the notebook is done; only the shutdown went wrong
            emit({"index": index, "ok": False, "cell": None, "error": f"kernel: {type(e).__name__}: {e}", "times": times()})
            return False
        return result["ok"]


def listen_for_go(gates, loop):
    """Opens gate I for each line "I" on stdin; all of them at the end of input."""
    def read():
        for line in sys.stdin:
            if line.strip().isdigit() and int(line) < len(gates):
                loop.call_soon_threadsafe(gates[int(line)].set)
        for gate in gates:
            loop.call_soon_threadsafe(gate.set)
    threading.Thread(target=read, daemon=True).start()


async def run_all(pairs, args):
    slots = asyncio.Semaphore(args.jobs)  # waiters are served first come, first served
    gates = [asyncio.Event() for _ in pairs]
    if args.wait_for_go:
        listen_for_go(gates, asyncio.get_running_loop())
    else:
        for gate in gates:
            gate.set()
    runs = [run_notebook(i, source, output, args, slots, gates[i]) for i, (source, output) in enumerate(pairs)]
    return all(await asyncio.gather(*runs))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+", metavar="SOURCE OUTPUT")
    ap.add_argument("--jobs", type=int, default=1, help="kernels running at once")
    ap.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--wait-for-go", action="store_true", help="start kernels only after a line on stdin")
    args = ap.parse_args()
    if len(args.paths) % 2 != 0 or args.jobs < 1:
        ap.error("give SOURCE OUTPUT pairs and --jobs of at least 1")
    pairs = list(zip(args.paths[::2], args.paths[1::2]))
    return 0 if asyncio.run(run_all(pairs, args)) else 1


if __name__ == "__main__":
    sys.exit(main())
