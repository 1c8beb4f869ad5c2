use candid::{CandidType, Deserialize, Principal};
use icto_shared::distribution::ClaimState;
use icto_shared::token::Subaccount;

/// A claim as stored: what it took from which rows, so a failed transfer is undone exactly.
#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub seq: u64,
    pub owner: Principal,
    #[serde(default, deserialize_with = "icto_shared::token::subaccount_serde::deserialize")]
    pub subaccount: Option<Subaccount>,
    /// Taken from the allocations (the sum of `parts`).
    pub amount: u128,
    /// Sent to the recipient.
    pub received: u128,
    /// (row, amount taken from it).
    pub parts: Vec<(u64, u128)>,
    /// The row whose prepaid fee this claim used.
    pub prepaid_row: Option<u64>,
    pub at: u64,
    pub state: ClaimState,
}
