//! The backend's settings (one Candid record in a stable cell).

use candid::{CandidType, Deserialize, Nat, Principal};
use icto_shared::backend::{ContractTypeSettings, PaymentSettings, RateLimits, Storages};
use icto_shared::contract::ContractType;

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct Settings {
    pub admins: Vec<Principal>,
    pub payment: PaymentSettings,
    pub contract_types: Vec<(ContractType, ContractTypeSettings)>,
    pub rate_limits: RateLimits,
    pub storages: Storages,
    /// Admins the audit storage has not yet been told may read the whole log (sent by the outbox).
    /// Optional so that settings written before it existed still decode.
    pub audit_readers_pending: Option<Vec<Principal>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            admins: vec![],
            payment: PaymentSettings {
                ledger: Principal::anonymous(),
                ledger_fee: Nat::from(0u8),
                decimals: 8,
                cycles_per_token: 0,
            },
            contract_types: vec![],
            rate_limits: RateLimits::default(),
            storages: Storages::default(),
            audit_readers_pending: None,
        }
    }
}

impl Settings {
    pub fn contract_type(&self, t: ContractType) -> Option<&ContractTypeSettings> {
        self.contract_types.iter().find(|(k, _)| *k == t).map(|(_, v)| v)
    }

    /// The contract type whose factory `caller` is (only whitelisted factories have one).
    pub fn factory_type(&self, caller: Principal) -> Option<ContractType> {
        self.contract_types.iter().find(|(_, s)| s.factory == Some(caller)).map(|(t, _)| *t)
    }
}
