#!/usr/bin/env bash
# `npm start`: the desktop app wherever Electron can be had, otherwise the web host.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Fetches the Electron binary once if it is missing (time-bounded; never in CI), or says why not.
if why=$(node scripts/electron-fetch.cjs); then
  exec node_modules/.bin/electron .
fi
echo "framewright: starting the web host instead of the desktop app: ${why:-Electron cannot start}." >&2
# The `framewright` command, whose first line gives Node the long-running V8 flags.
exec bin/framewright.js serve "$@"
