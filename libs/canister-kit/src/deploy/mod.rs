//! Contract canisters made from templates: create one with cycles and controllers and install a module,
//! upgrade, reinstall, roll back to the version that ran before, and each contract's history of code
//! changes. The contract's record (id, owner, template version) is the factory's own; this module
//! does the management canister's part.
//!
//! A factory keeps the order "check everything, then lock, then await": validate the request, resolve
//! the template, check cycles and encode the init argument, take a `Lock` on the owner or contract, and
//! only then call these (each await commits state, so nothing may be half-checked by then).

pub mod history;
pub mod management;

pub use history::DeployHistory;
pub use ic_management_canister_types::CanisterInstallMode as InstallMode;
use icto_shared::kit::KitError;

use candid::{Nat, Principal};

/// The most bytes of module plus argument sent in one `install_code`: an inter-canister call's payload
/// is limited to 2 MiB, and the call's other fields need some room. Larger modules go in chunks.
pub const MAX_SINGLE_INSTALL_BYTES: usize = 2 * 1024 * 1024 - 16 * 1024;
/// The management canister's chunk store takes chunks of at most 1 MiB.
pub const INSTALL_CHUNK_BYTES: usize = 1024 * 1024;

/// Refuses a deploy the factory cannot pay for: it gives `cycles` to the new canister and keeps `reserve`.
pub fn check_cycles(balance: u128, cycles: u128, reserve: u128) -> Result<(), KitError> {
    let required = Nat::from(cycles) + Nat::from(reserve);
    if Nat::from(balance) < required {
        return Err(KitError::InsufficientCycles { balance: Nat::from(balance), required });
    }
    Ok(())
}

/// Whether a module goes in one `install_code` or through the chunk store.
pub fn needs_chunks(wasm_len: usize, arg_len: usize) -> bool {
    wasm_len.saturating_add(arg_len) > MAX_SINGLE_INSTALL_BYTES
}

/// Creates a canister with `cycles` and `controllers` and installs `wasm`; a failed install stops and
/// deletes the new canister, so no empty canister is left behind.
pub async fn create_and_install(
    controllers: Vec<Principal>,
    cycles: u128,
    wasm: Vec<u8>,
    arg: Vec<u8>,
) -> Result<Principal, KitError> {
    let canister = management::create_canister(controllers, cycles).await.map_err(KitError::CreateCanisterFailed)?;
    if let Err(e) = management::install(canister, InstallMode::Install, wasm, arg).await {
        management::discard_canister(canister).await;
        return Err(KitError::InstallFailed(e));
    }
    Ok(canister)
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
    fn cycles_cover_the_gift_and_the_reserve() {
        assert_eq!(check_cycles(150, 100, 50), Ok(()));
        assert_eq!(
            check_cycles(149, 100, 50),
            Err(KitError::InsufficientCycles { balance: Nat::from(149u8), required: Nat::from(150u8) })
        );
        assert!(check_cycles(u128::MAX, u128::MAX, 1).is_err(), "no overflow");
    }

    #[test]
    fn modules_above_one_message_go_in_chunks() {
        assert!(!needs_chunks(1_990_000, 10_000));
        assert!(needs_chunks(MAX_SINGLE_INSTALL_BYTES, 1));
        assert!(needs_chunks(3_000_000, 0));
    }
}
