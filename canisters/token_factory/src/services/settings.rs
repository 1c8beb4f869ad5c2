//! Settings: set at install, changed by admins through the kit's factory rules (`canister_kit::factory`:
//! the trusted backend, 1-10 admins, cycles per new token of at least 0.1T), read by anyone.

use super::access::Tokens;
use crate::models::settings::DEFAULT_CYCLES_PER_TOKEN;
use crate::repositories::{settings, spares, templates, tokens};
use canister_kit::factory;
use icto_shared::token_factory::{FactoryInitArgs, FactorySettings};

pub fn init(args: FactoryInitArgs) -> Result<(), String> {
    factory::init::<Tokens>(args.admins, args.backend, args.cycles_per_token, DEFAULT_CYCLES_PER_TOKEN)
}

pub fn get() -> FactorySettings {
    settings::with(|s| FactorySettings {
        admins: s.admins.clone(),
        backend: s.backend,
        cycles_per_token: s.cycles_per_token,
        token_count: tokens::count(),
        latest_template: templates::with(|t| t.latest()),
        spare_canisters: spares::SPARES.with(|s| s.list()),
    })
}
