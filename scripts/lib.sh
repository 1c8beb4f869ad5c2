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
