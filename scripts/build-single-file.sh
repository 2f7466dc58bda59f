#!/usr/bin/env bash
# Builds the single-file edition: dist-single/cpp-self-assessment.html, one file that opens
# from file:// with no server. Installs what is missing first, as serve.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
trunk build --release
node scripts/single-file.mjs "$@"
