#!/usr/bin/env bash
# Install Debian's Chromium (/usr/bin/chromium) and a font for the browser tests, if missing.
# Idempotent and quiet on success; on failure prints apt's output. Runs as root or through sudo.
# Never downloads a browser from anywhere but Debian's archive (no `npx playwright install`).
set -euo pipefail

want=()
[ -x /usr/bin/chromium ] || want+=(chromium)
dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'ok installed' || want+=(fonts-dejavu-core)
[ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "chromium.sh: must run as root (or with sudo available)" >&2; exit 1; }
  exec sudo "$0" "$@"
fi

export DEBIAN_FRONTEND=noninteractive
out=$(mktemp)
trap 'rm -f "$out"' EXIT
apt_install() { apt-get install -y -q --no-install-recommends "${want[@]}" >>"$out" 2>&1; }

# Refresh the package lists first (only when something is missing): a machine's lists may be old
# enough to name a Chromium the mirror no longer serves, or an outdated one.
if ! { apt-get update -q >>"$out" 2>&1 && apt_install; }; then
  cat "$out" >&2
  echo "chromium.sh: could not install ${want[*]}" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { cat "$out" >&2; echo "chromium.sh: /usr/bin/chromium still missing" >&2; exit 1; }
