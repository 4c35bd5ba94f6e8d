"""Run cells one by one in a fresh Jupyter kernel, started as Jupyter's servers start one.

    python3 kernel_cells.py KERNEL_NAME FOLDER < cells.json

Reads a JSON list of cell sources, starts the kernel KERNEL_NAME (from its kernelspec, found on
the usual Jupyter paths, $JUPYTER_PATH first) in FOLDER, runs each cell after the previous one
has finished (and, after a failed cell, tslab's pause, so it does not cancel the next) and prints one JSON list: for each cell
{"ok": bool, "stdout": str, "stderr": str, "error": str or null}. Exit status 0 when the kernel
started, 1 when it did not, 2 on bad usage.
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel


def run(kc, source):
    result = {"ok": True, "stdout": "", "stderr": "", "error": None}

    def hook(msg):
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            result[content["name"]] += content["text"]
        elif kind == "error":
            result["error"] = "\n".join(content.get("traceback") or [content.get("evalue", "")])

    reply = kc.execute_interactive(source, output_hook=hook, timeout=300, allow_stdin=False)
    result["ok"] = reply["content"]["status"] == "ok"
    return result


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    cells = json.load(sys.stdin)
    try:
        km, kc = start_new_kernel(kernel_name=argv[1], cwd=argv[2], startup_timeout=120)
    except Exception as e:
        print(f"kernel {argv[1]} did not start: {e}", file=sys.stderr)
        return 1
    try:
        results = []
        for source in cells:
            results.append(run(kc, source))
            if not results[-1]["ok"]:
                time.sleep(0.5)  # tslab cancels what arrives within 200 ms of a failed cell
        print(json.dumps(results))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
