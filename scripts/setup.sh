#!/usr/bin/env bash
# Shared set-up for `npm start` and `npm test` on a fresh machine: Node packages,
# FFmpeg (and Chromium for tests), then the build. Usage: setup.sh [--with-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

need_browser=0
[ "${1:-}" = "--with-browser" ] && need_browser=1

say() { printf 'framewright setup: %s\n' "$*" >&2; }

# Debian packages, installed only when we are root on Debian; otherwise one instruction.
apt_install() {
  local what="$1"; shift
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $what with apt-get"
    if [ -z "${FRAMEWRIGHT_APT_UPDATED:-}" ]; then
      apt-get update -qq >&2
      export FRAMEWRIGHT_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  else
    say "$what is missing. Install it (Debian/Ubuntu: sudo apt-get install -y $*; macOS: brew install ${what,,}) and run this again."
    exit 1
  fi
}

if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
  apt_install FFmpeg ffmpeg
fi
if [ "$need_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install Chromium chromium
fi
# zzuf mutates clips for the fuzz tests.
if [ "$need_browser" = 1 ] && ! command -v zzuf >/dev/null 2>&1; then
  apt_install zzuf zzuf
fi
# Redis for the farm tests (test/farm): Debian's redis-server, started by the tests themselves.
if [ "$need_browser" = 1 ] && ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server redis-server
fi
# The sandbox for ffmpeg; optional for running (the app says when it is missing), needed by the tests.
if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then apt_install bubblewrap bubblewrap
  elif [ "$need_browser" = 1 ]; then apt_install bubblewrap bubblewrap
  else say "bubblewrap is not installed: ffmpeg will run without a sandbox (Debian: sudo apt-get install bubblewrap)."
  fi
fi

# Node packages: install when missing or when the lock file changed since.
# Without Electron's binary (about 100 MB), for speed: `npm start` fetches it when it is
# needed (scripts/electron-fetch.cjs), and otherwise runs the web host.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing Node packages (npm ci)"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2
fi

node scripts/build.mjs --quiet
