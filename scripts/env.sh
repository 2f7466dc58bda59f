# Sourced by the scripts: keeps build output outside the clone so fresh clones reuse it,
# and puts the npm tools (wasm-opt, esbuild) on PATH for Trunk.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cpp-self-assessment/target}"
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
