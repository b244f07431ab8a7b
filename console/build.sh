#!/usr/bin/env bash
# Builds the console (console/dist) with the machine's Node.js and npm, when its sources changed since the last
# build; Maven calls it (pom.xml, generate-resources) and copies dist/ into the jar as static/console.
#   console/build.sh           install the packages (npm ci) when package-lock.json changed, then build if stale
#   console/build.sh --test    the unit tests (vitest) too; tools/test runs this
#   CONSOLE_SKIP=1             do nothing (a build without Node.js: the jar then has no console)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE"
if [ "${CONSOLE_SKIP:-0}" = 1 ]; then echo "console: skipped (CONSOLE_SKIP=1)"; exit 0; fi
command -v npm > /dev/null || { echo "console: Node.js 18+ and npm are needed (Debian: apt-get install nodejs npm), or CONSOLE_SKIP=1" >&2; exit 2; }
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] || { echo "console: Node.js 18+ is needed (have $(node -v))" >&2; exit 2; }

newer() { [ -n "$(find "$@" -newer "$STAMP" -type f 2>/dev/null | head -n 1)" ]; }

STAMP=node_modules/.install-stamp
if [ ! -f "$STAMP" ] || newer package.json package-lock.json; then
  echo "console: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$STAMP"
fi
if [ "${1:-}" = --test ]; then
  echo "console: unit tests (vitest)"
  npx vitest run
fi
STAMP=dist/.build-stamp
if [ ! -f "$STAMP" ] || newer index.html vite.config.js package-lock.json src; then
  echo "console: vite build"
  npx vite build --logLevel warn
  touch "$STAMP"
else
  echo "console: dist/ is up to date"
fi
