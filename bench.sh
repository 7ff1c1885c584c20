#!/usr/bin/env bash
# ./bench.sh — runs every benchmark and writes its figures under docs/performance/: live fan-out (hub clients, browser
# pages, memory per idle dashboard circuit: realtime.md), the PDF engine (time and peak memory per document, cold and
# warm; pages per second; memory after 500 documents: pdf.md), practice search on SQLite and PostgreSQL (search.md),
# live check-in (checkin.md), the convention report (convention-report.md), online backup (backup.md), twenty concurrent
# editors on SQLite and PostgreSQL (load.md). Installs and starts what it needs as ./test.sh does (Chromium, PostgreSQL, Redis).
# Takes about 20 minutes. Extra arguments go to `dotnet test` (e.g. ./bench.sh --filter "FullyQualifiedName~PdfBenchmarks"
# replaces the default filter). Timings are reported, not asserted; a benchmark fails only if a result is wrong
# (a change lost or delivered twice, a document wrong, a check-in recorded twice).
set -euo pipefail
cd "$(dirname "$0")"
args=("$@")
# shellcheck source=test.sh
source ./test.sh --prepare-only
set -- "${args[@]}"

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

for report in docs/performance/*.md; do
  sed -n '/^<!-- Hand-written notes/q;p' "$report"
  say "Figures in $(pwd)/$report"
done
exit "$status"
