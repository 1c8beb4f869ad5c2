//! Who may do what, through the kit's factory rules (`canister_kit::factory`): admins manage settings and
//! templates; only the backend creates wallets; a wallet's creator or an admin upgrades it; only wallets
//! this factory deployed report relationships (`relationships`). `Wallets` is this factory as the kit
//! sees it: its settings, its template store, its bounds and its typed error.

use crate::models::settings::{FactoryState, MIN_CYCLES_PER_WALLET};
use crate::repositories::{settings, templates};
use canister_kit::factory::{self, Factory};
use canister_kit::templates::TemplateStore;
use canister_kit::CallContext;
use icto_shared::multisig_factory::limits::MAX_ADMINS;
use icto_shared::multisig_factory::{MultisigFactoryError as Error, WalletRecord};

pub struct Wallets;

impl Factory for Wallets {
    type Settings = FactoryState;
    type Error = Error;
    const MAX_ADMINS: usize = MAX_ADMINS;
    const MIN_CYCLES_PER_CONTRACT: u128 = MIN_CYCLES_PER_WALLET;

    fn with_settings<R>(f: impl FnOnce(&FactoryState) -> R) -> R {
        settings::with(f)
    }
    fn update_settings<R>(f: impl FnOnce(&mut FactoryState) -> R) -> R {
        settings::update(f)
    }
    fn with_templates<R>(f: impl FnOnce(&mut TemplateStore) -> R) -> R {
        templates::with(f)
    }
    fn unauthorized() -> Error {
        Error::Unauthorized
    }
    fn not_newer(current: u32, requested: u32) -> Error {
        Error::NotNewerTemplate { current, requested }
    }
    /// Changes waiting for a backend go out now.
    fn backend_changed() {
        super::relationships::FORWARDER.resume();
    }
}

pub fn require_backend(ctx: &CallContext) -> Result<(), Error> {
    factory::require_backend::<Wallets>(ctx)
}

pub fn require_creator_or_admin(ctx: &CallContext, wallet: &WalletRecord) -> Result<(), Error> {
    factory::require_creator_or_admin::<Wallets>(ctx, wallet.creator)
}
