//! devnet's own test canisters (this folder), as `scripts/build-canisters` writes them:
//! `$ICTO_WASM_DIR/<name>.<ext>`, else `<workspace>/target/canisters/<name>.<ext>`. Included with
//! `#[path]` by devnet's tests and benches only: the devnet library knows nothing of a build layout.
#![allow(dead_code)]

use std::path::PathBuf;

fn read(name: &str, ext: &str) -> Vec<u8> {
    let dir = std::env::var_os("ICTO_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/canisters"));
    let path = dir.join(format!("{name}.{ext}"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run scripts/build-canisters {name}", path.display()))
}

/// The optimised wasm of test canister `name`.
pub fn wasm(name: &str) -> Vec<u8> {
    read(name, "wasm")
}

/// The gzipped wasm of test canister `name`.
pub fn wasm_gz(name: &str) -> Vec<u8> {
    read(name, "wasm.gz")
}
