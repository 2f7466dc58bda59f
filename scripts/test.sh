#!/usr/bin/env bash
# Runs every check and test: formatting, lints, native tests, the release build, the
# end-to-end tests in headless Chromium against the built site, and the core journeys in
# Firefox ESR and WebKitGTK (Safari's engine).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/env.sh

step() { printf '\n==> %s\n' "$*"; }

step "Formatting"
cargo fmt --all --check
step "Lints"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
step "Native tests (the domain and format crates, and the app)"
cargo test --workspace --locked
step "Browser tests of the storage module (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p cpp-format --features browser --target wasm32-unknown-unknown --test browser_storage
step "Release build, its size against the budget and the ceiling, its manifest, the components' size, and the single-file edition made from it"
trunk build --release
node scripts/check-size-ceiling.mjs
node --test tests/build/
node scripts/single-file.mjs
step "End-to-end tests"
node --test --test-concurrency=1 tests/e2e/
step "The core journeys in Firefox ESR"
ENGINE=firefox node --test --test-concurrency=1 tests/engines/
step "The core journeys in WebKitGTK, Safari's engine (on a virtual display)"
ENGINE=webkit xvfb-run -a node --test --test-concurrency=1 tests/engines/
