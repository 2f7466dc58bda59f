#!/usr/bin/env bash
# Installs whatever is missing to build (and, with --browser, to test) the app on a machine
# that has rustup's Rust, Node/npm and apt. Only package registries are used. Re-running is
# cheap: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

step() { printf '\n==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "Adding $component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  step "Installing Trunk $TRUNK_VERSION (takes several minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  step "Installing wasm-bindgen-cli $bindgen_version"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi
# Cuts the app's WebAssembly at its #[lazy] functions (scripts/wasm-build.mjs).
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "Installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm packages"
  npm ci --no-audit --no-fund
fi

# The browsers the tests drive: Chromium (Playwright and ChromeDriver), Firefox ESR
# (geckodriver) and WebKitGTK, Safari's engine (its WebDriver and MiniBrowser, on a virtual
# display). Debian's packages, installed together when any is missing.
GECKODRIVER_VERSION=0.37.1
if $want_browser; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null || missing+=(xvfb)
  if [ "${#missing[@]}" -gt 0 ]; then
    step "Installing ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update
    $sudo_cmd apt-get install -y "${missing[@]}"
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1 {print $2}')" != "$GECKODRIVER_VERSION" ]; then
    step "Installing geckodriver $GECKODRIVER_VERSION (takes a few minutes, once)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
fi
