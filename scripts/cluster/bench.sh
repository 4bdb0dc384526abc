#!/usr/bin/env bash
# `npm run bench:cluster`: `npm run bench`'s runtime lines and shapes (temporal/bench/run.ts, shapes.ts) against the test
# cluster of `npm run test:cluster` — PostgreSQL 15 and a Temporal server built from source with
# 8 history shards (temporal/bench/cluster.ts starts them). Same environment knobs as the bench
# (BENCH_BROADCAST_N, BENCH_WAITING_N, …); BENCH_CLUSTER_SECONDS bounds the whole run (default
# 2 hours, room for the default 100,000-customer broadcast on a small machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/cluster/common.sh

cluster_prepare
cd temporal
cluster_run "${BENCH_CLUSTER_SECONDS:-7200}" npx tsx bench/cluster.ts
