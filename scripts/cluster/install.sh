#!/usr/bin/env bash
# Installs what the cluster test runs, unless already there, and prints their locations as
# shell assignments (eval'd by test.sh):
# - the Temporal server and temporal-sql-tool, built from the Go module at a pinned version with
#   a pinned Go toolchain (fetched through the Go module proxy), into a per-version folder of the
#   user's cache: later runs and other clones reuse it, and Go's own module and build caches make
#   a rebuild after a cache wipe quick;
# - PostgreSQL 15 from Debian.
set -euo pipefail

TEMPORAL_SERVER_VERSION=v1.32.2 # go.temporal.io/server; keep docs/deploy.md in step
GO_TOOLCHAIN=go1.27.3            # the server's go.mod asks for a newer Go than Debian ships
PG_MAJOR=15

cache="${BRAID_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/braid}/temporal-server-${TEMPORAL_SERVER_VERSION}"
bin="$cache/bin"
if [ ! -x "$bin/server" ] || [ ! -x "$bin/sql" ]; then
  if ! command -v go >/dev/null; then
    echo "cluster: the Go command is needed to build the Temporal server (any Go >= 1.21 fetches ${GO_TOOLCHAIN} itself)" >&2
    exit 1
  fi
  echo "cluster: building Temporal server ${TEMPORAL_SERVER_VERSION} (about 15 minutes on 2 cores the first time)…" >&2
  mkdir -p "$bin"
  # One invocation for both commands: they share almost every package. Bounded so a stuck
  # download fails the run instead of eating CI's whole budget.
  GOTOOLCHAIN="$GO_TOOLCHAIN" GOBIN="$bin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" timeout 2700 \
    go install "go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}" "go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}" >&2
fi

pg_bin="/usr/lib/postgresql/${PG_MAJOR}/bin"
if [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "cluster: installing PostgreSQL ${PG_MAJOR} (Debian)…" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "cluster: PostgreSQL ${PG_MAJOR} is missing; install it as root: apt-get install postgresql-${PG_MAJOR}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "postgresql-${PG_MAJOR}" >&2
fi

echo "TEMPORAL_SERVER_BIN=$bin/server"
echo "TEMPORAL_SQL_TOOL=$bin/sql"
echo "PG_BIN=$pg_bin"
