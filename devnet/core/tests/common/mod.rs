//! Helpers shared by the spec tests: loading test canister wasm and installing it.
#![allow(dead_code)]
use devnet::{Devnet, Principal};
#[path = "../../../test-canisters/built.rs"]
mod built;
#[allow(unused_imports)]
pub use built::{wasm, wasm_gz};

pub fn user(n: u8) -> Principal {
    Principal::self_authenticating([n; 32])
}

/// A fresh probe canister controlled by `user(1)`.
pub fn install_probe(devnet: &Devnet) -> Principal {
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, wasm("devnet-probe"), candid::encode_args(()).unwrap(), user(1)).expect("probe installs");
    id
}
