#!/usr/bin/env bash
# Makes this machine able to run the lesson's notebooks, doing only what is missing:
#   1. JupyterLab (+ plotly for its interactive figures): kept if some Python already has it, else
#      installed with pip into this checkout's own venv, .jupyter-venv (bounded: an index that is
#      unreachable or lacks a package is given up within seconds, the whole install within
#      $SETUP_PIP_SECONDS, default 300); where pip cannot, any Jupyter with nbclient that is
#      there already, else Debian's packages (classic Notebook) through apt-get.
#   2. the tslab TypeScript kernel, registered with the Python that runs Jupyter
#   3. Chromium, which draws the static PNG beside every interactive figure
# Which Python runs Jupyter is decided in one place, scripts/jupyter-env.ts (asked below through
# its compiled form); no shebang is ever read. Quiet when everything is in place. Exits non-zero,
# saying what to install, when it cannot finish. Safe to run again.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "setup-jupyter: $*" >&2; }
fail() { say "$*"; exit 1; }

apt_packages_jupyter=(jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel jupyter-notebook)
apt_packages_chromium=(chromium fonts-liberation)
pip_seconds="${SETUP_PIP_SECONDS:-300}"

command -v node >/dev/null 2>&1 || fail "Node.js (>= 20) is not on PATH"
[ -x "$repo/node_modules/.bin/tslab" ] || fail "$repo/node_modules is missing: run \`npm install\` in $repo first"

# The rule lives in TypeScript: compile it when its output is missing or older than its sources.
envjs="$repo/dist/scripts/jupyter-env.js"
# (Any newer .ts under scripts/ or src/lesson/ counts, so the compiled rule is never stale.)
if [ ! -f "$envjs" ] || [ -n "$(find "$repo/scripts" "$repo/src/lesson" -name '*.ts' -newer "$envjs" -print -quit)" ]; then
  (cd "$repo" && node_modules/.bin/tsc -p tsconfig.json) >&2 || fail "could not compile scripts/jupyter-env.ts"
fi
jupyter_env() { node "$envjs" "$@"; }
venv="$(jupyter_env venv)"

# Run apt-get as root directly or through passwordless sudo; return 1 when neither is possible.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else return 1; fi
  fi
  say "installing with apt-get: $*"
  if [ -z "${apt_updated:-}" ]; then
    timeout 300 "${sudo[@]}" apt-get update -qq >&2 || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive timeout 600 "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2
}

# pip with bounds: one retry, 10 s per connection, the whole command within $1 seconds. Its
# messages (an unreachable index warns once per package) go to a log, shown only on failure.
pip_log="$(mktemp "${TMPDIR:-/tmp}/setup-jupyter-pip.XXXXXX")"
trap 'rm -f "$pip_log"' EXIT
bounded_pip() {
  local seconds="$1"; shift
  if PIP_DEFAULT_TIMEOUT=10 timeout "$seconds" "$venv/bin/python" -m pip --disable-pip-version-check \
    --retries 1 --timeout 10 "$@" >>"$pip_log" 2>&1; then
    return 0
  fi
  say "pip failed or ran out of time (${seconds} s); its last messages:"
  tail -n 8 "$pip_log" | sed 's/^/  | /' >&2
  return 1
}

# A venv needs a base Python with the venv module (Debian: python3-venv). The base is found by
# running it (sys.executable), never from a file's first line.
make_venv() {
  local base
  for base in python3 /usr/bin/python3; do
    command -v "$base" >/dev/null 2>&1 || continue
    base="$("$base" -c 'import sys; print(sys.executable)' 2>/dev/null)" || continue
    rm -rf "$venv"
    if "$base" -m venv "$venv" >/dev/null 2>&1; then return 0; fi
  done
  rm -rf "$venv"
  return 1
}

install_lab_with_pip() {
  say "no JupyterLab found: installing JupyterLab and plotly with pip into $venv (bounded to ${pip_seconds}s)"
  make_venv || { say "cannot make a venv (Debian: apt-get install python3-venv)"; return 1; }
  local started=$SECONDS
  # A quick first look: if the index cannot even serve jupyterlab, give up at once.
  if ! bounded_pip 60 download --quiet --no-deps --dest "$venv/.probe" jupyterlab; then
    say "pip's index does not serve jupyterlab (or cannot be reached); skipping pip"
    rm -rf "$venv"; return 1
  fi
  if bounded_pip "$pip_seconds" install --quiet jupyterlab "plotly>=6.1" nbclient nbconvert ipykernel; then
    rm -rf "$venv/.probe"
    say "installed JupyterLab with pip in $((SECONDS - started)) s"
    return 0
  fi
  say "pip did not finish (after $((SECONDS - started)) s); removing $venv"
  rm -rf "$venv"
  return 1
}

# 1. Jupyter
if ! jupyter_env python --lab >/dev/null 2>&1; then
  if [ "${SETUP_NO_PIP:-}" = 1 ] || ! install_lab_with_pip; then
    if jupyter_env python >/dev/null 2>&1; then
      say "using the Jupyter already installed (no JupyterLab: \`npm start\` opens the classic Notebook if present)"
    elif apt_install "${apt_packages_jupyter[@]}" && jupyter_env python >/dev/null 2>&1; then
      say "installed Jupyter from Debian packages (classic Notebook)"
    else
      jupyter_env python >&2 || true
      fail "no Jupyter found, pip could not install it and apt-get is unusable. Install one of:
  python3 -m venv .jupyter-venv && .jupyter-venv/bin/pip install jupyterlab \"plotly>=6.1\"
  apt-get install ${apt_packages_jupyter[*]}
or point JUPYTER_PYTHON at a Python that has jupyterlab (or notebook) and nbclient."
    fi
  fi
fi

# 2. tslab kernel, for the Python that runs notebooks and the one that serves Jupyter.
jupyter_env kernel || fail "the tslab kernel is not usable; see \`node dist/scripts/jupyter-env.js probe\`"

# 3. Chromium for the figures' static images (optional: figures still show interactively without).
find_chromium() {
  [ "${CHROMIUM_PATH:-}" = none ] && return 0  # static images turned off on purpose
  if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ]; return; fi
  local c
  for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable /snap/bin/chromium; do
    [ -x "$c" ] && return 0
  done
  return 1
}
if ! find_chromium; then
  if apt_install "${apt_packages_chromium[@]}" && find_chromium; then
    say "installed Chromium"
  else
    say "warning: no Chromium, so figures will have no static PNG (GitHub and HTML exports show none)."
    say "  install it with: apt-get install ${apt_packages_chromium[*]}   (or set CHROMIUM_PATH)"
  fi
fi
