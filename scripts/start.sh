#!/usr/bin/env bash
# `npm start`: the desktop app where an Electron binary exists, otherwise the web host.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f scripts/electron-available.cjs ] && node scripts/electron-available.cjs >/dev/null 2>&1; then
  exec node_modules/.bin/electron .
fi
echo "No Electron binary here: starting the web host instead." >&2
# The `framewright` command, whose first line gives Node the long-running V8 flags.
exec bin/framewright.js serve "$@"
