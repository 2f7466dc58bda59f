#!/usr/bin/env bash
# Builds the release site into dist/ and serves it at http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
trunk build --release
exec node scripts/static-server.mjs dist "${PORT:-8080}"
