//! Where tests, benches and tools find canister wasm built by `scripts/build-canisters`:
//! `$ICTO_WASM_DIR/<name>.<ext>`, else `<workspace>/target/canisters/<name>.<ext>`.

use std::path::PathBuf;

pub fn built_wasm_path(name: &str, ext: &str) -> PathBuf {
    let dir = std::env::var_os("ICTO_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/canisters"));
    dir.join(format!("{name}.{ext}"))
}

/// The optimised wasm of canister `name`; panics with the command that builds it when it is missing.
pub fn built_wasm(name: &str) -> Vec<u8> {
    read_built(name, "wasm")
}

/// The gzipped wasm of canister `name`.
pub fn built_wasm_gz(name: &str) -> Vec<u8> {
    read_built(name, "wasm.gz")
}

fn read_built(name: &str, ext: &str) -> Vec<u8> {
    let path = built_wasm_path(name, ext);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run scripts/build-canisters {name}", path.display()))
}
