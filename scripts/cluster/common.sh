# Shared by test.sh and bench.sh (sourced, not run): what the cluster needs installed, a run
# folder, and a cleanup that leaves no process, PostgreSQL instance or file behind, pass or fail.
# After `cluster_prepare`, run the program with `cluster_run <seconds> <command…>` from where it
# should run; the program starts PostgreSQL and the Temporal server under $BRAID_CLUSTER_RUN_DIR
# (temporal/test-cluster) and stops them itself; the cleanup is for a program that could not.

cluster_prepare() {
  eval "$(bash scripts/cluster/install.sh)"
  # The Temporal CLI registers the namespace and search attributes, as an operator would.
  bash scripts/install-temporal.sh
  export TEMPORAL_SERVER_BIN TEMPORAL_SQL_TOOL PG_BIN

  run_dir="$(mktemp -d "${TMPDIR:-/tmp}/braid-cluster-XXXXXX")"
  export BRAID_CLUSTER_RUN_DIR="$run_dir"
  group=""
  trap cluster_cleanup EXIT
  trap 'exit 130' INT TERM
}

cluster_cleanup() {
  status=$?
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

# Its own process group, so that the cleanup can end whatever it leaves behind. Bounded: a hung
# program fails the run instead of holding CI until its own limit.
cluster_run() {
  local seconds=$1
  shift
  setsid --wait timeout --kill-after=30 "$seconds" "$@" &
  group=$!
  wait "$group"
}
