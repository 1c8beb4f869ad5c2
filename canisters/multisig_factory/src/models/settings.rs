//! The factory's settings and its fixed limits.

use candid::{CandidType, Deserialize, Principal};
use canister_kit::factory::AdminSettings;
use canister_kit::templates::TemplateLimits;

pub use icto_shared::multisig_factory::limits::{DEFAULT_CYCLES_PER_WALLET, MAX_CHUNK_BYTES, MAX_TEMPLATE_BYTES};
/// Below this a wallet canister would freeze soon after creation.
pub const MIN_CYCLES_PER_WALLET: u128 = 100_000_000_000;
/// Cycles the factory keeps for itself beyond what it gives away.
pub const CYCLES_RESERVE: u128 = 500_000_000_000;

/// The kit's template limits: modules above one message are installed in chunks by the kit.
pub const TEMPLATE_LIMITS: TemplateLimits = TemplateLimits {
    max_template_bytes: MAX_TEMPLATE_BYTES,
    max_chunk_bytes: MAX_CHUNK_BYTES,
    max_label_chars: TemplateLimits::DEFAULT.max_label_chars,
    max_release_notes_chars: TemplateLimits::DEFAULT.max_release_notes_chars,
};

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct FactoryState {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_wallet: u128,
}

impl AdminSettings for FactoryState {
    fn admins(&self) -> &[Principal] {
        &self.admins
    }
    fn set_admins(&mut self, admins: Vec<Principal>) {
        self.admins = admins;
    }
    fn backend(&self) -> Option<Principal> {
        self.backend
    }
    fn set_backend(&mut self, backend: Option<Principal>) {
        self.backend = backend;
    }
    fn set_cycles_per_contract(&mut self, cycles: u128) {
        self.cycles_per_wallet = cycles;
    }
}

impl Default for FactoryState {
    fn default() -> Self {
        FactoryState { admins: vec![], backend: None, cycles_per_wallet: DEFAULT_CYCLES_PER_WALLET }
    }
}
