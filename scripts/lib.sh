# Shared helpers for the project's scripts. Sourced, not run.

# Prints the rustup toolchain that can build wasm32-unknown-unknown; fails when none can.
wasm_toolchain() {
  if rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null | xargs -I{} test -d {} \
     && ls "$(rustc --print target-libdir --target wasm32-unknown-unknown)"/libstd-*.rlib >/dev/null 2>&1; then
    echo "${RUSTUP_TOOLCHAIN:-default}"
    return 0
  fi
  if command -v rustup >/dev/null 2>&1 && rustup toolchain list | grep -q '^debian-web' \
     && ls "$(rustc +debian-web --print target-libdir --target wasm32-unknown-unknown)"/libstd-*.rlib >/dev/null 2>&1; then
    echo "debian-web"
    return 0
  fi
  return 1
}

# Runs a command with the wasm-capable toolchain selected.
with_wasm_toolchain() {
  local tc
  tc=$(wasm_toolchain)
  if [ "$tc" = default ]; then "$@"; else RUSTUP_TOOLCHAIN="$tc" "$@"; fi
}

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Builds the devnet server and the deploy tool (dev profile, dependencies optimised). By default as part of
# the workspace's test build (both have integration tests): `cargo build -p` would select other features
# of their dependencies and compile wasmtime, tokio and ic-agent a second time, which on a fresh machine
# costs minutes. `--alone` builds just the two binaries (scripts/dev, which runs no tests).
build_devnet_tools() {
  if [ "${1:-}" = --alone ]; then
    cargo build --quiet -p devnet-server -p icto-deploy --bin devnet --bin icto-deploy
  else
    cargo test --workspace --no-run --quiet
  fi
  DEVNET_BIN_DIR=${CARGO_TARGET_DIR:-target}/debug
}

# start_devnet PORT STATE_DIR LOG: starts devnet in the background, waits until it answers, and sets
# DEVNET_PID and DEVNET_ROOT_KEY (the root key DER file the deploy tool and clients verify against).
start_devnet() {
  local port=$1 state=$2 log=$3
  mkdir -p "$state"
  DEVNET_ROOT_KEY="$state/root_key.der"
  "$DEVNET_BIN_DIR/devnet" start --port "$port" --state "$state" --root-key-out "$DEVNET_ROOT_KEY" >"$log" 2>&1 &
  DEVNET_PID=$!
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$port/api/v2/status" >/dev/null 2>&1 && [ -s "$DEVNET_ROOT_KEY" ] && return 0
    kill -0 "$DEVNET_PID" 2>/dev/null || break
    sleep 0.2
  done
  cat "$log" >&2
  echo "devnet did not start on port $port" >&2
  return 1
}
