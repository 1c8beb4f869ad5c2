//! Automatic refunds: a deployment that failed after its charge gets the fee back minus the ledger fee,
//! tried at once and then by a timer with exponential backoff until the ledger accepts it. Pending
//! refunds are indexed by when they are next due; the timer is re-armed after an upgrade.

use super::payment::{self, RefundFailure};
use crate::models::deployment::{refund_memo, DeploymentId};
use crate::repositories::{deployments, settings};
use canister_kit::lock::Lock;
use icto_shared::backend::RefundState;
use icto_shared::invoice::InvoiceStatus;
use std::cell::Cell;
use std::time::Duration;

const SECOND: u64 = 1_000_000_000;
/// Backoff: 5 s, 10 s, 20 s, ... at most an hour between attempts.
const FIRST_RETRY: u64 = 5 * SECOND;
const MAX_RETRY: u64 = 3_600 * SECOND;
/// Refunds one timer run tries (each is one ledger call).
const PER_RUN: usize = 20;

pub fn backoff(attempts: u32) -> u64 {
    FIRST_RETRY.saturating_mul(1u64 << attempts.min(20)).min(MAX_RETRY)
}

/// One attempt at the deployment's refund; records the result (and schedules the next try on failure).
pub async fn attempt(id: DeploymentId) {
    let Some(d) = deployments::get(&id) else { return };
    let Some(refund) = d.refund.clone() else { return };
    let RefundState::Pending { attempts, next_attempt_at, .. } = refund.state else { return };
    // A timer run and the failing deployment could both try: one attempt at a time.
    let Ok(_busy) = Lock::acquire(("refund", id)) else { return };
    let payment = settings::with(|s| s.payment.clone());
    let result = payment::refund(&payment, d.user, refund.amount, refund_memo(&id), refund.created_at_time).await;
    let now = ic_cdk::api::time();
    deployments::unschedule_refund(id, next_attempt_at);
    let (state, created_at_time) = match result {
        Ok(block) => (RefundState::Refunded { block, at: now }, refund.created_at_time),
        Err(failure) => {
            let (why, created_at_time) = match failure {
                RefundFailure::TooOld => ("the ledger's transaction window passed".to_string(), now),
                RefundFailure::Other(why) => (why, refund.created_at_time),
            };
            let next = now + backoff(attempts);
            deployments::schedule_refund(id, next);
            (RefundState::Pending { attempts: attempts + 1, last_error: Some(why), next_attempt_at: next }, created_at_time)
        }
    };
    let refunded = matches!(state, RefundState::Refunded { .. });
    let d = deployments::update(&id, |d| {
        if let Some(r) = d.refund.as_mut() {
            r.state = state;
            r.created_at_time = created_at_time;
        }
        d.clone()
    });
    if let Some(d) = d.filter(|_| refunded) {
        super::deployments::record(&id, &d, InvoiceStatus::Refunded, "deployment.refunded", format!("{} back", refund.amount));
    }
    schedule();
}

thread_local! {
    /// When the armed timer fires, if one is armed (heap: timers do not survive an upgrade).
    static ARMED_FOR: Cell<Option<u64>> = const { Cell::new(None) };
}

/// Arms a timer for the earliest pending refund unless one fires by then already.
pub fn schedule() {
    let Some(due) = deployments::next_refund_at() else { return };
    if ARMED_FOR.with(|a| a.get()).is_some_and(|at| at <= due) {
        return;
    }
    let now = ic_cdk::api::time();
    ARMED_FOR.with(|a| a.set(Some(due)));
    ic_cdk_timers::set_timer(Duration::from_nanos(due.saturating_sub(now)), async {
        ARMED_FOR.with(|a| a.set(None));
        run_due().await;
    });
}

/// Tries every refund that is due (up to `PER_RUN`), then re-arms.
pub async fn run_due() {
    for id in deployments::due_refunds(ic_cdk::api::time(), PER_RUN) {
        attempt(id).await;
    }
    schedule();
}
