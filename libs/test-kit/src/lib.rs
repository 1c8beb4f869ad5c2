//! The test kit: what every devnet test needs, in one place.
//!
//! - `wasm`: the canister wasm `scripts/build-canisters` wrote (`$ICTO_WASM_DIR` or `target/canisters`).
//! - `users`: distinct, stable principals for test users.
//! - `canister`: `Canister`, a typed handle for update and query calls with Candid.
//! - `factory`: a factory installed on its own devnet, a template uploaded to it.
//! - `ledger`: `Ledger`, an ICRC-1/2/3 handle on a token canister.
//! - `platform`: every platform canister deployed and wired on a devnet, by the deploy tool's own steps.
//! - `tokens`: token configs for tests that deploy tokens.

pub mod canister;
pub mod factory;
pub mod ledger;
pub mod platform;
pub mod tokens;
pub mod users;
pub mod wallets;
pub mod wasm;

pub use canister::Canister;
pub use devnet::{Devnet, RejectResponse};
pub use ledger::Ledger;
pub use platform::Platform;
