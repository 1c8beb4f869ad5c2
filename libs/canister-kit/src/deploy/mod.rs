//! Contract canisters made from templates: create one with cycles and controllers and install a module,
//! upgrade, reinstall, roll back to the version that ran before, and each contract's history of code
//! changes. The contract's record (id, owner, template version) is the factory's own; this module
//! does the management canister's part.
//!
//! A factory keeps the order "check everything, then lock, then await": validate the request, resolve
//! the template, reserve the cycles (`CyclesReservation`) and encode the init argument, take a `Lock`
//! on the owner or contract, and only then call these (each await commits state, so nothing may be
//! half-checked by then). A canister whose install failed is kept (`SpareCanisters`) and reused by
//! the next deploy, topped up to the cycles a new one gets: `SparePool::deploy_new` is that whole create
//! flow (reserve, spare or new canister, install, keep on failure), so a factory's create only validates,
//! builds its init argument and writes its record.

pub mod history;
pub mod management;
pub mod reserve;
pub mod spares;

pub use history::DeployHistory;
pub use reserve::CyclesReservation;
pub use spares::{SparePool, SpareCanisters};
pub use ic_management_canister_types::CanisterInstallMode as InstallMode;
use icto_shared::kit::KitError;

use candid::Principal;

/// The most bytes of module plus argument sent in one `install_code`: an inter-canister call's payload
/// is limited to 2 MiB, and the call's other fields need some room. Larger modules go in chunks.
pub const MAX_SINGLE_INSTALL_BYTES: usize = 2 * 1024 * 1024 - 16 * 1024;
/// The management canister's chunk store takes chunks of at most 1 MiB.
pub const INSTALL_CHUNK_BYTES: usize = 1024 * 1024;

/// Whether a module goes in one `install_code` or through the chunk store.
pub fn needs_chunks(wasm_len: usize, arg_len: usize) -> bool {
    wasm_len.saturating_add(arg_len) > MAX_SINGLE_INSTALL_BYTES
}

/// Creates an empty canister with `cycles`, controlled by `controllers`.
pub async fn create(controllers: Vec<Principal>, cycles: u128) -> Result<Principal, KitError> {
    management::create_canister(controllers, cycles).await.map_err(KitError::CreateCanisterFailed)
}

/// Brings a spare canister back to `cycles` (its failed install spent some): deposits the difference.
pub async fn top_up_to(canister: Principal, cycles: u128) -> Result<(), KitError> {
    let balance = management::cycles_balance(canister).await.map_err(KitError::CreateCanisterFailed)?;
    let missing = cycles.saturating_sub(balance);
    if missing > 0 {
        management::deposit_cycles(canister, missing).await.map_err(KitError::CreateCanisterFailed)?;
    }
    Ok(())
}

/// Installs `wasm` on an empty canister (a new or a spare one). On failure the canister stays empty
/// and the caller keeps it as a spare.
pub async fn install(canister: Principal, wasm: Vec<u8>, arg: Vec<u8>) -> Result<(), KitError> {
    management::install(canister, InstallMode::Install, wasm, arg).await.map_err(KitError::InstallFailed)
}

/// Upgrades `canister` to `wasm` (stable memory is kept; `post_upgrade` gets `arg`).
pub async fn upgrade(canister: Principal, wasm: Vec<u8>, arg: Vec<u8>) -> Result<(), KitError> {
    management::install(canister, InstallMode::Upgrade(None), wasm, arg).await.map_err(KitError::UpgradeFailed)
}

/// Reinstalls `canister` with `wasm`: all its state is erased and `init` runs with `arg`.
pub async fn reinstall(canister: Principal, wasm: Vec<u8>, arg: Vec<u8>) -> Result<(), KitError> {
    management::install(canister, InstallMode::Reinstall, wasm, arg).await.map_err(KitError::InstallFailed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_above_one_message_go_in_chunks() {
        assert!(!needs_chunks(1_990_000, 10_000));
        assert!(needs_chunks(MAX_SINGLE_INSTALL_BYTES, 1));
        assert!(needs_chunks(3_000_000, 0));
    }
}
