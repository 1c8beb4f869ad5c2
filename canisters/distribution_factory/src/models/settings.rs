//! The factory's settings and its fixed limits.

use candid::{CandidType, Deserialize, Principal};
use canister_kit::templates::TemplateLimits;

pub use icto_shared::distribution_factory::limits::{DEFAULT_CYCLES_PER_CAMPAIGN, MAX_CHUNK_BYTES, MAX_TEMPLATE_BYTES};
/// Below this a campaign canister would freeze soon after creation.
pub const MIN_CYCLES_PER_CAMPAIGN: u128 = 100_000_000_000;
/// Cycles the factory keeps for itself beyond what it gives away.
pub const CYCLES_RESERVE: u128 = 500_000_000_000;

/// The kit's template limits: modules above one message are installed in chunks by the kit.
pub const TEMPLATE_LIMITS: TemplateLimits = TemplateLimits::sized(MAX_TEMPLATE_BYTES, MAX_CHUNK_BYTES);

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct FactoryState {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_campaign: u128,
}

canister_kit::admin_settings!(FactoryState, cycles_per_campaign);

impl Default for FactoryState {
    fn default() -> Self {
        FactoryState { admins: vec![], backend: None, cycles_per_campaign: DEFAULT_CYCLES_PER_CAMPAIGN }
    }
}
