use candid::{CandidType, Deserialize, Principal};
use icto_shared::distribution::{CampaignStatus, CancelRefund, Category, Registration};

/// The campaign as services see it: its config, its status and running totals (amounts in the token's
/// smallest unit, u128 inside; `Nat` only at the interface). Stored in two parts (`repositories::campaign`):
/// the status and counters live in a fixed-size cell; the Candid record holds them as of its last write.
#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Campaign {
    pub factory: Principal,
    pub creator: Principal,
    pub token_ledger: Principal,
    pub title: String,
    pub categories: Vec<Category>,
    pub allow_pause: bool,
    pub allow_cancel: bool,
    pub status: CampaignStatus,
    pub created_at: u64,
    pub activated_at: Option<u64>,
    pub cancelled_at: Option<u64>,
    /// Read from the ledger at activation; every transfer pays exactly this.
    pub transfer_fee: Option<u128>,
    /// The sum of all allocations.
    pub allocated: u128,
    /// Taken from allocations by paid and pending claims.
    pub claimed: u128,
    /// Recipient rows.
    pub recipients: u64,
    /// Claims recorded (the next claim's sequence number).
    pub claims: u64,
    /// Claims awaiting the ledger.
    pub pending_claims: u64,
    /// The vested total at the cancel time.
    pub vested_at_cancel: Option<u128>,
    pub refund: Option<CancelRefund>,
    /// Self-registration (its whitelist lives in `repositories::registration`); absent in campaigns
    /// stored before it existed, which decode it as `None`.
    pub registration: Option<RegistrationState>,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct RegistrationState {
    /// The settings with an empty `whitelist`.
    pub settings: Registration,
    pub registered: u64,
}

impl Campaign {
    /// The time up to which allocations vest: now, or the cancel time.
    pub fn vesting_horizon(&self, now: u64) -> u64 {
        self.cancelled_at.map_or(now, |at| at.min(now))
    }
}
