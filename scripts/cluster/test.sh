#!/usr/bin/env bash
# `npm run test:cluster`: the runtime's core scenarios on a real Temporal cluster (PostgreSQL,
# 8 history shards) with two API processes and two workers (temporal/test-cluster). Installs
# what is missing first (scripts/cluster/install.sh). Everything listens on 127.0.0.1 and lives
# in one temporary folder; every process it started is gone when it returns, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/cluster/common.sh

cluster_prepare
cd temporal
cluster_run 1500 npx vitest run --config test-cluster/vitest.config.ts
