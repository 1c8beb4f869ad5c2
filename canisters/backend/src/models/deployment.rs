//! A paid deployment as the backend keeps it: written before the first await and advanced by every
//! step, so a resubmission, a status query or the refund timer always sees how far it got.

use candid::{CandidType, Deserialize, Nat, Principal};
use icto_shared::backend::{DeployOutcome, DeployStep, DeploymentStatus, FailedStep, Refund, RefundState};
use icto_shared::contract::ContractType;
use sha2::{Digest, Sha256};

/// SHA-256 of (user, request key): the record's key and the charge's memo (32 bytes, the ICRC-1 minimum
/// every ledger accepts), so a retried charge is deduplicated by the ledger.
pub type DeploymentId = [u8; 32];

pub fn deployment_id(user: Principal, request_key: &str) -> DeploymentId {
    let mut h = Sha256::new();
    h.update(b"icto-deployment\0");
    h.update([user.as_slice().len() as u8]);
    h.update(user.as_slice());
    h.update(request_key.as_bytes());
    h.finalize().into()
}

/// The refund transfer's memo: distinct from the charge's, fixed per deployment.
pub fn refund_memo(id: &DeploymentId) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"icto-refund\0");
    h.update(id);
    h.finalize().into()
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct StoredRefund {
    pub amount: u128,
    /// The refund transfer's `created_at_time`: fixed at the first attempt so retries are deduplicated
    /// (renewed only when the ledger answers `TooOld`, which means no earlier attempt went through).
    pub created_at_time: u64,
    pub state: RefundState,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct Deployment {
    pub user: Principal,
    pub request_key: String,
    /// SHA-256 of the Candid request: a resubmission with the same key must be the same request.
    #[serde(with = "serde_bytes")]
    pub request_hash: Vec<u8>,
    pub contract_type: ContractType,
    pub factory: Principal,
    pub fee: u128,
    pub ledger_fee: u128,
    pub created_at: u64,
    pub steps_done: Vec<DeployStep>,
    pub charge_block: Option<Nat>,
    pub canister_id: Option<Principal>,
    pub outcome: DeployOutcome,
    pub refund: Option<StoredRefund>,
}

impl Deployment {
    pub fn done(&mut self, step: DeployStep) {
        if !self.steps_done.contains(&step) {
            self.steps_done.push(step);
        }
    }

    pub fn failed(&mut self, step: FailedStep, reason: String, now: u64) {
        self.outcome = DeployOutcome::Failed { step, reason };
        self.refund = Some(StoredRefund {
            amount: self.fee.saturating_sub(self.ledger_fee),
            created_at_time: now,
            state: RefundState::Pending { attempts: 0, last_error: None, next_attempt_at: now },
        });
    }

    pub fn status(&self) -> DeploymentStatus {
        DeploymentStatus {
            request_key: self.request_key.clone(),
            user: self.user,
            contract_type: self.contract_type,
            fee: Nat::from(self.fee),
            created_at: self.created_at,
            steps_done: self.steps_done.clone(),
            charge_block: self.charge_block.clone(),
            canister_id: self.canister_id,
            outcome: self.outcome.clone(),
            refund: self.refund.as_ref().map(|r| Refund { amount: Nat::from(r.amount), state: r.state.clone() }),
        }
    }
}

impl Deployment {
    /// The deployment's invoice in `status` (the invoice storage keeps the latest).
    pub fn invoice(&self, id: &DeploymentId, status: icto_shared::invoice::InvoiceStatus, now: u64) -> icto_shared::invoice::Invoice {
        let refund = self.refund.as_ref();
        icto_shared::invoice::Invoice {
            payment_id: id.to_vec(),
            user: self.user,
            contract_type: self.contract_type,
            amount: Nat::from(self.fee),
            charge_block: self.charge_block.clone().unwrap_or_default(),
            created_at: self.created_at,
            status,
            canister_id: self.canister_id,
            refund_amount: refund.map(|r| Nat::from(r.amount)),
            refund_block: refund.and_then(|r| match &r.state {
                RefundState::Refunded { block, .. } => Some(block.clone()),
                RefundState::Pending { .. } => None,
            }),
            note: match &self.outcome {
                DeployOutcome::Failed { step, reason } => Some(format!("{step:?}: {reason:.400}")),
                _ => None,
            },
            updated_at: now,
        }
    }
}
