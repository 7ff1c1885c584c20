#!/usr/bin/env bash
# ./bench.sh — measures live fan-out (hub clients, browser pages, memory per idle dashboard circuit) and writes the
# figures to docs/performance/realtime.md. Needs only .NET and Chromium (SQLite, no PostgreSQL or Redis). Takes a few
# minutes. Extra arguments go to `dotnet test` (e.g. ./bench.sh --filter "FullyQualifiedName~HubClients" replaces the
# default filter). Timings are reported, not asserted; it fails only if a change is lost or delivered twice.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

chromium="${RW_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Chromium not found at $chromium. Install it (Debian: sudo apt-get install chromium fonts-noto-core)," >&2
  echo "or point RW_CHROMIUM at a Chromium binary, and run ./bench.sh again." >&2
  exit 1
fi

# 1,000 hub clients live in the same process as the app, about 4 file descriptors each (the client's WebSocket, the
# app's end of it, and the negotiate request's pooled connection at both ends): ≈ 4,500 in all, where 1,024 is a
# common default limit. Raise the soft limit as far as the hard limit allows.
want_fds=16384
soft_fds=$(ulimit -Sn)
hard_fds=$(ulimit -Hn)
if [ "$soft_fds" != "unlimited" ] && [ "$soft_fds" -lt "$want_fds" ]; then
  if [ "$hard_fds" = "unlimited" ] || [ "$hard_fds" -ge "$want_fds" ]; then
    ulimit -Sn "$want_fds"
  else
    ulimit -Sn "$hard_fds"
  fi
fi
if [ "$(ulimit -Sn)" != "unlimited" ] && [ "$(ulimit -Sn)" -lt 4096 ]; then
  echo "Warning: only $(ulimit -Sn) file descriptors allowed; 1,000 hub clients may fail to connect (raise 'ulimit -n')." >&2
fi

say "Building (Release)"
dotnet build RegionalWorkspace.sln -c Release -nologo -v quiet

filter=(--filter "Category=Benchmark")
if [ $# -gt 0 ]; then filter=(); fi

say "Running the benchmarks (open file limit $(ulimit -Sn))"
status=0
dotnet test RegionalWorkspace.sln -c Release --no-build -nologo "${filter[@]}" --logger "console;verbosity=normal" "$@" || status=$?

report=docs/performance/realtime.md
if [ -f "$report" ]; then
  sed -n '/^<!-- Hand-written notes/q;p' "$report"
  say "Figures written to $(pwd)/$report"
fi
exit "$status"
