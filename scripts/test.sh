#!/usr/bin/env bash
# `npm test`: every gate and every suite. Type check, lint, format and dead code
# (knip) run first; then unit and integration tests with real ffmpeg,
# then end-to-end tests in Debian Chromium. Results land in test-results/.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser || exit 1
mkdir -p test-results
rm -f test-results/*.json test-results/gates.txt

status=0
gate() {
  local name="$1"; shift
  echo "── $name"
  if "$@"; then echo "pass $name" >> test-results/gates.txt
  else echo "fail $name" >> test-results/gates.txt; status=1; fi
}

gate typecheck npm run --silent typecheck
gate lint npm run --silent lint
gate format npx prettier --check --log-level warn .
gate knip npx knip --no-progress
gate electronegativity node scripts/electronegativity-gate.mjs

echo "── unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

if [ -f playwright.config.ts ]; then
  echo "── end-to-end tests (Playwright, Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json || status=1
fi

node scripts/count-results.mjs
exit $status
