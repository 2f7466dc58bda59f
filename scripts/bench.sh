#!/usr/bin/env bash
# The benchmark: builds the release site, then measures first-load transfer, page timings
# beside a plain HTML floor, the domain code in the browser and natively, and the JS heap,
# and prints one table. BENCH_RUNS sets the runs per timing (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/env.sh
trunk build --release
node scripts/bench.mjs "$@"
