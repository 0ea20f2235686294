#!/usr/bin/env bash
# Run the browser tests: installs the locked packages when needed (never a browser), then
# `playwright test` with any arguments given. Exits with Playwright's code.
set -euo pipefail
cd "$(dirname "$0")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# node_modules/.package-lock.json is written by every npm install/ci: it dates node_modules.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
exec npx playwright test "$@"
