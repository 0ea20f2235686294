#!/usr/bin/env bash
# Install the Frictionless Data command line (`frictionless` from PyPI, pinned, with its `json`
# extra that reads JSON tables) in a virtualenv under a cache dir, if missing, for the open-data
# test that validates /donnees/datapackage.json and its files (tests/it/opendata.rs). The last
# (and only) line on stdout is the virtualenv's bin folder, to put on PATH:
#   PATH="$(bash scripts/ci/frictionless.sh | tail -n 1):$PATH"
# Idempotent and quiet on success; on failure prints pip's output. Only frictionless is pinned:
# pip resolves its dependencies within the ranges it declares.
# Settings: FRICTIONLESS_VENV (default ${XDG_CACHE_HOME:-$HOME/.cache}/ptce/frictionless-<version>).
set -euo pipefail

VERSION=5.21.0
VENV="${FRICTIONLESS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/ptce/frictionless-$VERSION}"
BIN="$VENV/bin"

# The version in the folder's name: a new pin makes a new virtualenv, never a mixed one.
installed() {
  [ -x "$BIN/frictionless" ] && "$BIN/frictionless" --version >/dev/null 2>&1 &&
    "$BIN/python" -c 'import ijson, jsonlines' >/dev/null 2>&1
}
if installed; then
  echo "$BIN"
  exit 0
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
python=$(command -v python3) || { echo "frictionless.sh: python3 is missing" >&2; exit 1; }
if ! {
  rm -rf "$VENV" && mkdir -p "$(dirname "$VENV")" &&
    "$python" -m venv "$VENV" >>"$out" 2>&1 &&
    "$BIN/python" -m pip install -q --disable-pip-version-check "frictionless[json]==$VERSION" >>"$out" 2>&1
}; then
  cat "$out" >&2
  echo "frictionless.sh: could not install frictionless==$VERSION in $VENV" >&2
  exit 1
fi
installed || {
  cat "$out" >&2
  echo "frictionless.sh: $BIN/frictionless does not run, or misses its json extra" >&2
  exit 1
}
echo "$BIN"
