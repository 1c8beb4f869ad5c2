//! Helpers shared by the spec tests: loading test canister wasm and installing it.
#![allow(dead_code)]
use devnet::{Devnet, Principal};
use std::path::PathBuf;

pub fn wasm_path(name: &str, ext: &str) -> PathBuf {
    let dir = std::env::var_os("ICTO_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/canisters"));
    dir.join(format!("{name}.{ext}"))
}

/// The optimised wasm of a test canister.
pub fn wasm(name: &str) -> Vec<u8> {
    read(name, "wasm")
}

pub fn wasm_gz(name: &str) -> Vec<u8> {
    read(name, "wasm.gz")
}

fn read(name: &str, ext: &str) -> Vec<u8> {
    let path = wasm_path(name, ext);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; run scripts/build-canisters {name}", path.display())
    })
}

pub fn user(n: u8) -> Principal {
    Principal::self_authenticating([n; 32])
}

/// A fresh probe canister controlled by `user(1)`.
pub fn install_probe(devnet: &Devnet) -> Principal {
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, wasm("devnet-probe"), candid::encode_args(()).unwrap(), user(1)).expect("probe installs");
    id
}
