#!/usr/bin/env bash
# ./run.sh — installs the system packages the app uses if missing (Chromium for PDF exports, Noto fonts for Arabic),
# then starts the workspace in demo mode (demo accounts and data, SQLite in RegionalWorkspace/data/workspace.db) on
# http://localhost:${PORT:-5080}. Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

port="${PORT:-5080}"
url="http://localhost:${port}"

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || need_packages+=(fonts-noto-core)

if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  else
    echo "Missing system packages: ${need_packages[*]}." >&2
    echo "Install them (Debian: sudo apt-get install --no-install-recommends ${need_packages[*]})." >&2
    echo "Continuing without them: the app runs, but PDF exports are unavailable and Arabic may render with fallback fonts." >&2
  fi
fi

say "Starting RegionalWorkspace (demo mode) on ${url}"
echo "    Sign in as officer.rsk@demo.ma / Demo-2026! (other demo accounts: see README.md)."
echo "    The first start builds the app and takes a little while."

export ASPNETCORE_ENVIRONMENT=Demo
exec dotnet run --project RegionalWorkspace -c Release --no-launch-profile --urls "${url}"
