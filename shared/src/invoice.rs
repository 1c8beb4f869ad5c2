//! Candid types of the invoice storage: one invoice per payment (a paid deployment), keyed by the
//! payment id, with a status that only moves forward: charged -> completed, or charged -> refund pending
//! -> refunded. Writes are idempotent upserts, so the backend's outbox may resend any of them.

use crate::contract::ContractType;
use candid::{CandidType, Deserialize, Nat, Principal};
use serde::Serialize;

pub mod limits {
    pub const PAYMENT_ID_BYTES: usize = 32;
    pub const MAX_BATCH: usize = 100;
    pub const MAX_ADMINS: usize = 10;
    pub const MAX_NOTE_BYTES: usize = 512;
}

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvoiceStatus {
    Charged,
    Completed,
    RefundPending,
    Refunded,
}

impl InvoiceStatus {
    /// Whether an invoice in this status may move to `next` (or stay).
    pub fn may_become(self, next: InvoiceStatus) -> bool {
        use InvoiceStatus::*;
        matches!(
            (self, next),
            (Charged, _) | (Completed, Completed) | (RefundPending, RefundPending) | (RefundPending, Refunded) | (Refunded, Refunded)
        )
    }
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Invoice {
    /// The deployment's id (SHA-256 of user and request key), also the charge's memo.
    #[serde(with = "serde_bytes")]
    pub payment_id: Vec<u8>,
    pub user: Principal,
    pub contract_type: ContractType,
    pub amount: Nat,
    pub charge_block: Nat,
    pub created_at: u64,
    pub status: InvoiceStatus,
    pub canister_id: Option<Principal>,
    pub refund_amount: Option<Nat>,
    pub refund_block: Option<Nat>,
    /// Why it was refunded.
    pub note: Option<String>,
    pub updated_at: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct InvoicePage {
    pub items: Vec<Invoice>,
    pub total: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct InvoiceInitArgs {
    pub admins: Vec<Principal>,
    pub backend: Principal,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum InvoiceError {
    Unauthorized,
    InvalidArgument(String),
    /// The write would move an invoice's status backwards; nothing was written.
    StatusRegression { payment_id: serde_bytes::ByteBuf, from: InvoiceStatus, to: InvoiceStatus },
}

#[cfg(test)]
mod tests {
    use super::InvoiceStatus::*;

    #[test]
    fn statuses_only_move_forward() {
        assert!(Charged.may_become(Completed) && Charged.may_become(RefundPending) && RefundPending.may_become(Refunded));
        assert!(!Completed.may_become(Refunded) && !Refunded.may_become(RefundPending) && !Completed.may_become(Charged));
    }
}
