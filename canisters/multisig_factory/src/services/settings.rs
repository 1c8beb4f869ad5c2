//! Settings: set at install, changed by admins through the kit's factory rules (`canister_kit::factory`:
//! the trusted backend, 1-10 admins, cycles per new wallet of at least 0.1T), read by anyone.

use super::access::Wallets;
use crate::models::settings::DEFAULT_CYCLES_PER_WALLET;
use crate::repositories::wallets::WALLETS;
use crate::repositories::{settings, templates};
use canister_kit::factory;
use icto_shared::multisig_factory::{MultisigFactoryInitArgs, MultisigFactorySettings};

pub fn init(args: MultisigFactoryInitArgs) -> Result<(), String> {
    factory::init::<Wallets>(args.admins, args.backend, args.cycles_per_wallet, DEFAULT_CYCLES_PER_WALLET)
}

pub fn get() -> MultisigFactorySettings {
    settings::with(|s| MultisigFactorySettings {
        admins: s.admins.clone(),
        backend: s.backend,
        cycles_per_wallet: s.cycles_per_wallet,
        wallet_count: WALLETS.count(),
        latest_template: templates::with(|t| t.latest()),
    })
}
