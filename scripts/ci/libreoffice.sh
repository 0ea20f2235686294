#!/usr/bin/env bash
# Install Debian's LibreOffice Calc without its GUI (libreoffice-calc-nogui: `soffice --headless`),
# if missing, for the export tests that open the XLSX and ODS files (tests/it/exports.rs).
# Idempotent and quiet on success; on failure prints apt's output. Runs as root or through sudo.
set -euo pipefail

command -v soffice >/dev/null 2>&1 && exit 0

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "libreoffice.sh: must run as root (or with sudo available)" >&2; exit 1; }
  exec sudo "$0" "$@"
fi

export DEBIAN_FRONTEND=noninteractive
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# No recommends: the converter needs neither Java nor the fonts and help of the desktop suite.
apt_install() { apt-get install -y -q --no-install-recommends libreoffice-calc-nogui >>"$out" 2>&1; }

if ! { apt-get update -q >>"$out" 2>&1 && apt_install; }; then
  cat "$out" >&2
  echo "libreoffice.sh: could not install libreoffice-calc-nogui" >&2
  exit 1
fi
command -v soffice >/dev/null 2>&1 || { cat "$out" >&2; echo "libreoffice.sh: soffice still missing" >&2; exit 1; }
