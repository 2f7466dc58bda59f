# Sourced by the scripts: keeps build output outside the clone so fresh clones reuse it,
# and puts the npm tools (wasm-opt, esbuild) on PATH for Trunk.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cpp-self-assessment/target}"
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# In CI every run is a fresh clone, whose own crates are new to cargo (their path is part
# of their identity): incremental data for them would only pile up in the shared folder.
if [ "${CI:-}" = "true" ]; then export CARGO_INCREMENTAL=0; fi
