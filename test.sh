#!/usr/bin/env bash
# ./test.sh — installs what the tests need if missing (Chromium, Noto fonts, PostgreSQL, Redis), starts PostgreSQL and
# Redis on 127.0.0.1, then runs every test. Exits non-zero on any failure. Extra arguments go to `dotnet test`
# (e.g. ./test.sh --filter "FullyQualifiedName~Accounts"). `source ./test.sh --prepare-only` (as ./bench.sh does) only
# installs and starts the services and exports RW_TEST_POSTGRES and RW_TEST_REDIS.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || need_packages+=(fonts-noto-core)
command -v pg_ctlcluster >/dev/null 2>&1 || need_packages+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need_packages+=(redis-server)

if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  else
    echo "Missing system packages: ${need_packages[*]}. Install them (Debian: sudo apt-get install ${need_packages[*]}) and run ./test.sh again." >&2
    exit 1
  fi
fi

# PostgreSQL on loopback, with a password-protected role that may create the tests' throwaway databases.
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^${pg_version} main"; then
  say "Creating PostgreSQL ${pg_version} cluster"
  pg_createcluster "${pg_version}" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^${pg_version} main .* online"; then
  say "Starting PostgreSQL ${pg_version}"
  pg_ctlcluster "${pg_version}" main start
fi
pg_port=$(pg_lsclusters -h | awk -v v="${pg_version}" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do
  if su postgres -c "psql -p ${pg_port} -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -p ${pg_port} -qtAc \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rw_test') THEN CREATE ROLE rw_test LOGIN CREATEDB PASSWORD 'rw_test'; END IF;
END \\\$\\\$;\"" >/dev/null
export RW_TEST_POSTGRES="Host=127.0.0.1;Port=${pg_port};Username=rw_test;Password=rw_test;Database=postgres"

# Redis on loopback (the live-update bus between app servers).
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  say "Starting Redis"
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
export RW_TEST_REDIS="127.0.0.1:6379"

if [ "${1:-}" = "--prepare-only" ]; then return 0 2>/dev/null || exit 0; fi

say "Building"
dotnet build RegionalWorkspace.sln -c Release -nologo -v quiet

say "Running every test"
if [ $# -eq 0 ]; then set -- --filter "Category!=Benchmark"; fi  # benchmarks: ./bench.sh
dotnet test RegionalWorkspace.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
