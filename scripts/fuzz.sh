#!/usr/bin/env bash
# A long fuzzing run of every file parser and validator (CI runs a short one with the
# other tests). Usage: scripts/fuzz.sh [inputs per parser, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
FUZZ_CASES="${1:-20000}" cargo test --release -p cpp-format --test fuzz_parsers
