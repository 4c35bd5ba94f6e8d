#!/usr/bin/env bash
# Gives the benchmark's Python contenders what they import: numpy and the CPU build of torch, for
# $BENCH_PYTHON (default python3), from pip's configured index. Quiet when both import already.
# Never fails: without them `npm run bench` and its smoke test skip the contender with a notice,
# so a failed install only prints a warning. Every download is bounded (pip retries and socket
# timeout, and an overall time limit). Safe to run again.
#
# On plain PyPI, point pip at the CPU wheels first (PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu),
# or it may fetch the much larger CUDA build. A Debian system Python refuses pip installs (PEP 668)
# unless PIP_BREAK_SYSTEM_PACKAGES=1, which .ci/run sets for its throwaway machine.
set -uo pipefail

python="${BENCH_PYTHON:-python3}"
say() { echo "setup-bench: $*" >&2; }
warn() { say "warning: $* The bench will skip what is missing; install it by hand with: $python -m pip install numpy torch"; exit 0; }

missing=()
for module in numpy torch; do
  "$python" -c "import $module" >/dev/null 2>&1 || missing+=("$module")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

command -v "$python" >/dev/null 2>&1 || warn "no $python on PATH."

# Debian's own python3 comes without pip; its package is python3-pip (root only, no sudo prompt).
if ! "$python" -m pip --version >/dev/null 2>&1 && [ "$(command -v "$python")" = /usr/bin/python3 ] &&
   command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  say "installing pip for /usr/bin/python3 with apt-get"
  timeout 300 apt-get install -y -qq --no-install-recommends python3-pip >/dev/null 2>&1 || true
fi
"$python" -m pip --version >/dev/null 2>&1 || warn "$python has no pip."

say "installing ${missing[*]} for $python from pip's configured index"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! timeout 900 "$python" -m pip install --quiet --retries 2 --timeout 30 "${missing[@]}" >"$log" 2>&1; then
  tail -n 5 "$log" >&2
  warn "pip could not install ${missing[*]} (its last lines are above)."
fi
"$python" -c "import numpy, torch" >/dev/null 2>&1 || warn "numpy or torch still does not import after installing."
say "installed: $("$python" -c 'import numpy, torch; print("numpy", numpy.__version__, "torch", torch.__version__)')"
