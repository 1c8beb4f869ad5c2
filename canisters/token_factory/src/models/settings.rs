//! The factory's settings. `latest_template` and `upload` are the first layout's template state, read
//! once on upgrade to move it into the template store (`repositories::legacy`), `None` after.

use canister_kit::templates::UploadSession;
use candid::{CandidType, Deserialize, Principal};

pub const DEFAULT_CYCLES_PER_TOKEN: u128 = 2_000_000_000_000;
/// Below this a token canister would freeze soon after creation.
pub const MIN_CYCLES_PER_TOKEN: u128 = 100_000_000_000;
/// Cycles the factory keeps for itself beyond what it gives away.
pub const CYCLES_RESERVE: u128 = 500_000_000_000;

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct FactoryState {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_token: u128,
    pub latest_template: Option<u32>,
    pub upload: Option<UploadSession>,
}

canister_kit::admin_settings!(FactoryState, cycles_per_token);

impl Default for FactoryState {
    fn default() -> Self {
        FactoryState {
            admins: vec![],
            backend: None,
            cycles_per_token: DEFAULT_CYCLES_PER_TOKEN,
            latest_template: None,
            upload: None,
        }
    }
}
