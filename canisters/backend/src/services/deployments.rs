//! The paid flow, written once for every contract type: check (type enabled, request valid by the
//! factory's own rules, rate limits) -> record -> charge -> factory -> registry -> reply, with an
//! automatic refund when a step after the charge fails.
//!
//! The record is keyed by (user, request key) and written before the first await, so a resubmission
//! (also a concurrent one) finds it and returns its outcome or its progress instead of charging again.
//! A per-user lock keeps one deployment of a user between awaits at a time.

use super::{contracts, outbox, payment, rate_limits, refunds, registry};
use icto_shared::invoice::InvoiceStatus;
use crate::models::deployment::{deployment_id, Deployment, DeploymentId};
use crate::repositories::{deployments, settings};
use canister_kit::lock::Lock;
use canister_kit::pagination::PageRequest;
use canister_kit::CallContext;
use candid::{Encode, Principal};
use icto_shared::backend::limits::MAX_REQUEST_KEY_BYTES;
use icto_shared::backend::{
    ContractRequest, DeployError, DeployOutcome, DeployRequest, DeployStep, DeploymentPage, DeploymentStatus, FailedStep,
    Refund,
};
use icto_shared::role::Role;
use sha2::{Digest, Sha256};

fn request_hash(request: &ContractRequest) -> Vec<u8> {
    Sha256::digest(Encode!(request).unwrap_or_default()).to_vec()
}

fn check_key(key: &str) -> Result<(), DeployError> {
    if key.is_empty() || key.len() > MAX_REQUEST_KEY_BYTES {
        return Err(DeployError::InvalidRequestKey { max_bytes: MAX_REQUEST_KEY_BYTES as u32 });
    }
    Ok(())
}

/// What a resubmission gets: the first outcome, or the progress so far.
fn replay(d: &Deployment, hash: &[u8]) -> Result<Principal, DeployError> {
    if d.request_hash != hash {
        return Err(DeployError::RequestKeyConflict);
    }
    match &d.outcome {
        DeployOutcome::Succeeded { canister_id } => Ok(*canister_id),
        DeployOutcome::Failed { step, reason } => Err(failed(d, *step, reason.clone())),
        DeployOutcome::InProgress => Err(DeployError::InProgress(d.status())),
    }
}

fn failed(d: &Deployment, step: FailedStep, reason: String) -> DeployError {
    let refund = d.status().refund.unwrap_or(Refund {
        amount: candid::Nat::from(0u8),
        state: icto_shared::backend::RefundState::Pending { attempts: 0, last_error: None, next_attempt_at: 0 },
    });
    DeployError::Failed { step, reason, refund }
}

pub async fn deploy(ctx: CallContext, request: DeployRequest) -> Result<Principal, DeployError> {
    if ctx.caller == Principal::anonymous() {
        return Err(DeployError::AnonymousCaller);
    }
    check_key(&request.request_key)?;
    let id = deployment_id(ctx.caller, &request.request_key);
    let hash = request_hash(&request.contract);
    if let Some(existing) = deployments::get(&id) {
        return replay(&existing, &hash);
    }
    let t = request.contract.contract_type();
    let (type_settings, payment) = settings::with(|s| (s.contract_type(t).cloned(), s.payment.clone()));
    let type_settings = type_settings.ok_or(DeployError::ContractTypeNotConfigured(t))?;
    if !type_settings.enabled {
        return Err(DeployError::ContractTypeDisabled(t));
    }
    let factory = type_settings.factory.ok_or(DeployError::ContractTypeNotConfigured(t))?;
    contracts::validate(ctx.caller, &request.contract)?;
    let _busy = Lock::acquire(("deploy", ctx.caller)).map_err(|_| DeployError::UserBusy)?;
    rate_limits::admit(ctx.caller, ctx.now)?;
    // Checked by the settings service; a fee that no longer fits is refused rather than truncated.
    let fee = u128::try_from(&type_settings.fee.0).map_err(|_| DeployError::ContractTypeNotConfigured(t))?;
    let ledger_fee = u128::try_from(&payment.ledger_fee.0).unwrap_or(u128::MAX);
    deployments::insert(
        id,
        Deployment {
            user: ctx.caller,
            request_key: request.request_key.clone(),
            request_hash: hash,
            contract_type: t,
            factory,
            fee,
            ledger_fee,
            created_at: ctx.now,
            steps_done: vec![DeployStep::Accepted],
            charge_block: None,
            canister_id: None,
            outcome: DeployOutcome::InProgress,
            refund: None,
        },
    );

    // 1. Charge. `created_at_time` is the record's creation time and the memo its id: a retry is a duplicate.
    match payment::charge(&payment, ctx.caller, ctx.self_id, fee, id, ctx.now).await {
        Ok(block) => {
            let d = deployments::update(&id, |d| {
                d.charge_block = Some(block);
                d.done(DeployStep::Charged);
                d.clone()
            });
            if let Some(d) = d {
                record(&id, &d, InvoiceStatus::Charged, "deployment.charged", format!("{t:?} fee {fee}"));
            }
        }
        Err(e) => {
            // Nothing was charged: forget the request, so the user may fix the allowance and resubmit.
            deployments::remove(&id);
            return Err(DeployError::Payment(e));
        }
    }

    // 2. The factory creates the contract.
    let canister_id = match contracts::create(factory, ctx.caller, request.contract).await {
        Ok(canister_id) => canister_id,
        Err(reason) => return Err(fail(id, FailedStep::Factory, reason).await),
    };
    deployments::update(&id, |d| {
        d.canister_id = Some(canister_id);
        d.done(DeployStep::ContractCreated);
    });

    // 3. The owner's relationship in the registry.
    if let Err(e) = registry::add(ctx.caller, t, Role::Owner, canister_id) {
        return Err(fail(id, FailedStep::Registry, format!("{e:?}")).await);
    }
    let d = deployments::update(&id, |d| {
        d.done(DeployStep::Registered);
        d.outcome = DeployOutcome::Succeeded { canister_id };
        d.clone()
    });
    if let Some(d) = d {
        record(&id, &d, InvoiceStatus::Completed, "deployment.completed", format!("{t:?} {canister_id}"));
    }
    // The backend's own cost of the whole flow (every message of this call), for operators and the benchmark.
    ic_cdk::api::debug_print(format!("deployed {canister_id}: {} instructions", ic_cdk::api::call_context_instruction_counter()));
    Ok(canister_id)
}

/// The invoice in its new status and an audit entry, through the outbox (not awaited).
pub fn record(id: &DeploymentId, d: &Deployment, status: InvoiceStatus, action: &str, payload: String) {
    let now = ic_cdk::api::time();
    outbox::invoice(d.invoice(id, status, now));
    outbox::audit(d.user, action, vec![d.user], format!("{} {payload}", d.request_key), now);
}

/// Records the failure, tries the refund once, and returns the typed error with the refund's state.
async fn fail(id: DeploymentId, step: FailedStep, reason: String) -> DeployError {
    let now = ic_cdk::api::time();
    let d = deployments::update(&id, |d| {
        d.failed(step, reason.clone(), now);
        d.clone()
    });
    if let Some(d) = d {
        record(&id, &d, InvoiceStatus::RefundPending, "deployment.failed", format!("{step:?}: {reason:.400}"));
    }
    deployments::schedule_refund(id, now);
    refunds::attempt(id).await;
    match deployments::get(&id) {
        Some(d) => failed(&d, step, reason),
        None => DeployError::Failed {
            step,
            reason,
            refund: Refund {
                amount: candid::Nat::from(0u8),
                state: icto_shared::backend::RefundState::Pending { attempts: 0, last_error: None, next_attempt_at: now },
            },
        },
    }
}

/// The caller's deployment with this key.
pub fn status(ctx: &CallContext, request_key: &str) -> Option<DeploymentStatus> {
    deployments::get(&deployment_id(ctx.caller, request_key)).map(|d| d.status())
}

pub fn mine(ctx: &CallContext, offset: u64, limit: u64) -> DeploymentPage {
    let page = deployments::page_of_user(ctx.caller, PageRequest::new(offset, limit));
    DeploymentPage { items: page.items.iter().map(Deployment::status).collect(), total: page.total }
}

pub fn pending_refunds(ctx: &CallContext, offset: u64, limit: u64) -> Result<DeploymentPage, icto_shared::backend::BackendError> {
    super::access::require_admin(ctx)?;
    let page = deployments::pending_refunds(PageRequest::new(offset, limit));
    Ok(DeploymentPage { items: page.items.iter().map(Deployment::status).collect(), total: page.total })
}
