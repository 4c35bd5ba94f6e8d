#!/usr/bin/env bash
# Makes this machine able to run the lesson's notebooks, doing only what is missing:
#   1. Jupyter with nbconvert (existing one, else pip from PyPI, else Debian packages via apt)
#   2. the tslab TypeScript kernel, registered with the Python that runs Jupyter
#   3. Chromium, which draws the static PNG beside every interactive figure
# Quiet when everything is already in place. Exits non-zero, saying what to install, when it
# cannot finish. Safe to run again.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "setup-jupyter: $*" >&2; }
fail() { say "$*"; exit 1; }

apt_packages_jupyter=(jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel jupyter-notebook)
apt_packages_chromium=(chromium fonts-liberation)

# Run apt-get as root directly or through passwordless sudo; return 1 when neither is possible.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else return 1; fi
  fi
  say "installing with apt-get: $*"
  if [ -z "${apt_updated:-}" ]; then
    "${sudo[@]}" apt-get update -qq >&2 || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2
}

have_nbconvert() {
  command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1
}

pypi_reachable() {
  # Ask pip itself (its configured index), with a short limit: some networks refuse at once,
  # others never answer.
  timeout 20 python3 -m pip index versions pip >/dev/null 2>&1
}

# 1. Jupyter
if ! have_nbconvert; then
  if command -v python3 >/dev/null 2>&1 && pypi_reachable &&
     python3 -m pip install --quiet jupyterlab "plotly>=6.1" nbconvert nbclient >&2 && have_nbconvert; then
    say "installed Jupyter from PyPI"
  elif apt_install "${apt_packages_jupyter[@]}" && have_nbconvert; then
    say "installed Jupyter from Debian packages"
  else
    fail "no Jupyter found, PyPI unreachable and apt-get unusable. Install one of:
  pip install jupyterlab \"plotly>=6.1\" nbconvert nbclient
  apt-get install ${apt_packages_jupyter[*]}"
  fi
fi

# 2. tslab kernel. Register it with the Python whose jupyter we run (read from its shebang), and
#    with this checkout's tslab binary by absolute path: `tslab` is not on PATH outside npm scripts.
jupyter_python="$(head -n1 "$(command -v jupyter)" | sed -n 's/^#! *//p' | awk '{print $1}')"
case "$jupyter_python" in
  */env) jupyter_python="$(head -n1 "$(command -v jupyter)" | awk '{print $2}')" ;;
esac
[ -n "$jupyter_python" ] || jupyter_python=python3
tslab_bin="$repo/node_modules/.bin/tslab"
[ -x "$tslab_bin" ] || fail "$tslab_bin is missing: run \`npm ci\` in $repo first"

kernel_ok() {
  # The registered kernel must start a tslab binary that still exists.
  local spec
  spec="$(jupyter kernelspec list --json 2>/dev/null | "$jupyter_python" -c '
import json, sys
spec = json.load(sys.stdin)["kernelspecs"].get("tslab")
print(spec["spec"]["argv"][0] if spec else "")' 2>/dev/null)" || return 1
  [ -n "$spec" ] && { [ -x "$spec" ] || command -v "$spec" >/dev/null 2>&1; }
}

# CI always registers its own checkout: a kernel left by another checkout may be stale or gone.
if [ -n "${CI:-}" ] || ! kernel_ok; then
  say "registering the tslab kernel with $jupyter_python"
  (cd "$repo" && "$tslab_bin" install --python="$jupyter_python" --binary="$tslab_bin" >&2) ||
    fail "could not register tslab: try \`npx tslab install --python=$jupyter_python\`"
  kernel_ok || fail "tslab kernel still not usable after registering; see \`jupyter kernelspec list\`"
fi

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
