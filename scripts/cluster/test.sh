#!/usr/bin/env bash
# `npm run test:cluster`: the runtime's core scenarios on a real Temporal cluster (PostgreSQL,
# 8 history shards) with two API processes and two workers (temporal/test-cluster). Installs
# what is missing first (scripts/cluster/install.sh). Everything listens on 127.0.0.1 and lives
# in one temporary folder; every process it started is gone when it returns, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/../.."

eval "$(bash scripts/cluster/install.sh)"
# The Temporal CLI registers the namespace and search attributes, as an operator would.
bash scripts/install-temporal.sh
export TEMPORAL_SERVER_BIN TEMPORAL_SQL_TOOL PG_BIN

run_dir="$(mktemp -d "${TMPDIR:-/tmp}/braid-cluster-XXXXXX")"
export BRAID_CLUSTER_RUN_DIR="$run_dir"
group=""
cleanup() {
  status=$?
  # The suite stops what it started; this is for a suite that could not (killed, crashed).
  if [ -n "$group" ]; then kill -KILL -- "-$group" 2>/dev/null || true; fi
  if [ -f "$run_dir/postgres/data/postmaster.pid" ]; then
    as_pg=()
    [ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$PG_BIN/pg_ctl" stop -D "$run_dir/postgres/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  if [ "$status" -ne 0 ]; then
    for log in temporal.log postgres/postgres.log; do
      [ -f "$run_dir/$log" ] && { echo "--- last lines of $log"; tail -n 40 "$run_dir/$log"; }
    done
  fi
  rm -rf "$run_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Its own process group, so that the cleanup above can end whatever it leaves behind. Bounded:
# a hung scenario fails the run instead of holding CI until its own limit.
cd temporal
setsid --wait timeout --kill-after=30 1500 npx vitest run --config test-cluster/vitest.config.ts &
group=$!
wait "$group"
