#!/usr/bin/env bash
# The test command of the README: installs what it needs, then lints, typechecks, builds and runs
# every test (unit, API over HTTP, runtime on the real Temporal dev server, e2e in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${CI:-}" = "true" ] || [ ! -d node_modules ]; then
  # npm ci is exact; should the registry miss a foreign-platform optional package, install instead.
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
fi
bash scripts/install-temporal.sh
bash scripts/install-chromium.sh
npx turbo run lint typecheck --concurrency=2
npx turbo run build
npx turbo run test --concurrency=1
# Last, the runtime on a real Temporal cluster (PostgreSQL, 8 history shards, two APIs and two
# workers). The first run on a machine builds the Temporal server (about 15 minutes on 2 cores);
# later runs reuse it.
npm run test:cluster
