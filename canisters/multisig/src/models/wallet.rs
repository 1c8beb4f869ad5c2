use candid::{CandidType, Deserialize, Principal};
use icto_shared::multisig::SpendingLimit;

/// The wallet's settings and policy (members live in their own map, keyed by principal).
#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Wallet {
    pub name: String,
    pub description: Option<String>,
    pub factory: Principal,
    pub creator: Principal,
    pub created_at: u64,
    pub threshold: u32,
    /// How many members are signers and observers (kept with the map, so policy checks read no map).
    pub signers: u32,
    pub observers: u32,
    pub tokens: Vec<Principal>,
    pub spending_limits: Vec<SpendingLimit>,
}

impl Wallet {
    pub fn tracks(&self, ledger: &Principal) -> bool {
        self.tokens.contains(ledger)
    }

    pub fn limit_of(&self, ledger: &Principal) -> Option<&SpendingLimit> {
        self.spending_limits.iter().find(|l| l.ledger == *ledger)
    }

    /// Rejections that make the threshold unreachable: more than the signers who could still approve.
    pub fn rejections_to_reject(&self) -> u32 {
        self.signers.saturating_sub(self.threshold) + 1
    }
}
