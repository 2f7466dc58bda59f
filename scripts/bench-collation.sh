#!/usr/bin/env bash
# Measures collating adviser files, in the browser (wasm, release build, headless
# Chromium) and natively with the same code, and prints both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/env.sh
cargo bench --bench collation
CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release --target wasm32-unknown-unknown --test collation_bench -- --include-ignored --nocapture 2>&1 \
  | grep -E "wasm collate|test result"
