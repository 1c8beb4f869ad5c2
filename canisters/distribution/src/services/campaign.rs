//! The campaign's lifecycle: init, activation against the contract's balance, pause and resume, cancel
//! (vesting stops; the unvested remainder goes back to the creator), and the campaign view.

use crate::clients::ledger;
use crate::memory;
use crate::models::campaign::Campaign;
use crate::repositories::{campaign as repo, recipients as rows};
use crate::services::{access, recipients, to_u128, LIFECYCLE};
use canister_kit::lock::Lock;
use canister_kit::{factory_reports, CallContext};
use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::distribution::*;
use icto_shared::role::Role;
use icto_shared::token::{Account, TransferArg};
use sha2::{Digest, Sha256};

/// The refund's transfer: the ledger and the argument.
pub type RefundTransfer = (Principal, TransferArg);

/// Transfers older than this are past the ledger's deduplication window (24 h); a retry gets a new time.
const RETRY_WITH_NEW_TIME_AFTER_NANOS: u64 = 23 * 3_600 * 1_000_000_000;

/// Validates everything, then writes the campaign, its rows and the reports (owner first).
pub fn init(ctx: &CallContext, args: DistributionInitArgs) -> Result<(), DistributionError> {
    args.validate_header()?;
    let campaign = Campaign {
        factory: args.factory,
        creator: args.creator,
        token_ledger: args.token_ledger,
        title: args.title,
        categories: args.categories,
        allow_pause: args.allow_pause,
        allow_cancel: args.allow_cancel,
        status: CampaignStatus::Created,
        created_at: ctx.now,
        activated_at: None,
        cancelled_at: None,
        transfer_fee: None,
        allocated: 0,
        claimed: 0,
        recipients: 0,
        claims: 0,
        pending_claims: 0,
        vested_at_cancel: None,
        refund: None,
        registration: super::registration::init(args.registration),
    };
    let new_rows = recipients::validate(&campaign, &args.recipients)?;
    repo::set(campaign);
    factory_reports::install(memory::get(memory::FACTORY_REPORTS), args.factory, arm_report_delivery);
    factory_reports::report([RoleChange { user: args.creator, role: Role::Owner, action: RelationshipAction::Add }]);
    recipients::insert(new_rows);
    Ok(())
}

/// State is in stable memory; the outbox restarts delivering what it holds.
pub fn post_upgrade() {
    factory_reports::install(memory::get(memory::FACTORY_REPORTS), repo::get().factory, arm_report_delivery);
}

/// The outbox's next delivery, by a timer (the kit leaves timers to the canisters that need them).
fn arm_report_delivery(delay_seconds: u64) {
    #[cfg(target_family = "wasm")]
    ic_cdk_timers::set_timer(std::time::Duration::from_secs(delay_seconds), async {
        factory_reports::deliver(factory_reports::send).await;
    });
    #[cfg(not(target_family = "wasm"))]
    let _ = delay_seconds;
}

/// Activation: the creator; the campaign still `Created` with at least one row. Returns the lock (held
/// until the balance is checked) and the ledger to ask.
pub fn begin_activate(ctx: &CallContext) -> Result<(Lock<&'static str>, Principal), DistributionError> {
    let c = repo::get();
    access::require_creator(ctx, &c)?;
    if c.status != CampaignStatus::Created {
        return Err(DistributionError::WrongStatus { status: c.status });
    }
    super::registration::require_closed(&c.registration, ctx.now)?;
    if c.recipients == 0 {
        return Err(DistributionError::NoRecipients);
    }
    let lock = Lock::acquire(LIFECYCLE)?;
    Ok((lock, c.token_ledger))
}

/// What the balance must cover: every allocation plus one transfer fee per row.
pub fn required_balance(c: &Campaign, fee: &Nat) -> Nat {
    Nat::from(c.allocated) + fee.clone() * Nat::from(c.recipients)
}

/// Applies the ledger's fee and the contract's balance: `Active` if the balance covers everything.
pub fn finish_activate(now: u64, fee: Nat, balance: Nat) -> Result<CampaignInfo, DistributionError> {
    let c = repo::get();
    if c.status != CampaignStatus::Created {
        return Err(DistributionError::WrongStatus { status: c.status });
    }
    let required = required_balance(&c, &fee);
    if balance < required {
        return Err(DistributionError::Underfunded { balance, required });
    }
    let fee = to_u128(&fee).ok_or_else(|| DistributionError::Ledger("the ledger's fee exceeds u128".into()))?;
    repo::update(|c| {
        c.status = CampaignStatus::Active;
        c.activated_at = Some(now);
        c.transfer_fee = Some(fee);
    });
    Ok(info())
}

pub async fn activate(ctx: CallContext) -> Result<CampaignInfo, DistributionError> {
    let (lock, token_ledger) = begin_activate(&ctx)?;
    let fee = ledger::fee(token_ledger).await?;
    let balance = ledger::balance_of(token_ledger, Account::of(ctx.self_id)).await?;
    let result = finish_activate(ctx.now, fee, balance);
    drop(lock);
    result
}

pub fn pause(ctx: &CallContext) -> Result<CampaignInfo, DistributionError> {
    let c = repo::get();
    access::require_creator(ctx, &c)?;
    if !c.allow_pause {
        return Err(DistributionError::PauseNotAllowed);
    }
    if c.status != CampaignStatus::Active {
        return Err(DistributionError::WrongStatus { status: c.status });
    }
    repo::update(|c| c.status = CampaignStatus::Paused);
    Ok(info())
}

pub fn resume(ctx: &CallContext) -> Result<CampaignInfo, DistributionError> {
    let c = repo::get();
    access::require_creator(ctx, &c)?;
    if !c.allow_pause {
        return Err(DistributionError::PauseNotAllowed);
    }
    if c.status != CampaignStatus::Paused {
        return Err(DistributionError::WrongStatus { status: c.status });
    }
    repo::update(|c| c.status = CampaignStatus::Active);
    Ok(info())
}

/// Cancel before activation (always allowed: nobody holds a claim yet): the campaign becomes `Cancelled`
/// before the first await, so nothing can be added, registered or activated meanwhile, and the contract's
/// whole balance (what was sent to fund it) minus the ledger fee goes back to the creator. The balance is
/// read again on a retry, so a transfer that went through unseen is not paid twice.
pub fn begin_abandon(ctx: &CallContext) -> Result<(Lock<&'static str>, Principal), DistributionError> {
    let c = repo::get();
    access::require_creator(ctx, &c)?;
    let retry = c.status == CampaignStatus::Cancelled
        && c.activated_at.is_none()
        && matches!(c.refund.as_ref().map(|r| &r.state), Some(RefundState::Failed { .. }));
    if c.status != CampaignStatus::Created && !retry {
        return Err(DistributionError::WrongStatus { status: c.status });
    }
    let lock = Lock::acquire(LIFECYCLE)?;
    repo::update(|c| {
        c.status = CampaignStatus::Cancelled;
        c.cancelled_at.get_or_insert(ctx.now);
        c.vested_at_cancel = Some(0);
    });
    Ok((lock, c.token_ledger))
}

/// The refund of an abandoned campaign once the ledger told its fee and the contract's balance.
pub fn abandon_refund(ctx: &CallContext, fee: Result<Nat, DistributionError>, balance: Result<Nat, DistributionError>) -> Option<RefundTransfer> {
    let c = repo::get();
    let (fee, balance) = match (fee.and_then(|f| to_u128(&f).ok_or(DistributionError::InvalidAmount)), balance) {
        (Ok(fee), Ok(balance)) => (fee, to_u128(&balance).unwrap_or(u128::MAX)),
        (Err(e), _) | (_, Err(e)) => {
            let state = RefundState::Failed { reason: e.to_string() };
            let refund = CancelRefund { unvested: Nat::from(0u8), amount: Nat::from(0u8), created_at_time: ctx.now, state };
            repo::update(|c| c.refund = Some(refund));
            return None;
        }
    };
    let amount = balance.saturating_sub(fee);
    let state = if amount == 0 { RefundState::NothingToSend } else { RefundState::Pending };
    let refund = CancelRefund { unvested: Nat::from(c.allocated), amount: Nat::from(amount), created_at_time: ctx.now, state: state.clone() };
    repo::update(|c| {
        c.transfer_fee = Some(fee);
        c.refund = Some(refund);
    });
    (state == RefundState::Pending).then(|| {
        let arg = TransferArg {
            from_subaccount: None,
            to: Account::of(c.creator),
            amount: Nat::from(amount),
            fee: Some(Nat::from(fee)),
            memo: Some(serde_bytes::ByteBuf::from(refund_memo(c.creator))),
            created_at_time: Some(ctx.now),
        };
        (c.token_ledger, arg)
    })
}

async fn abandon(ctx: CallContext) -> Result<CampaignInfo, DistributionError> {
    let (lock, token_ledger) = begin_abandon(&ctx)?;
    let fee = ledger::fee(token_ledger).await;
    let balance = ledger::balance_of(token_ledger, Account::of(ctx.self_id)).await;
    let info = match abandon_refund(&ctx, fee, balance) {
        Some((token_ledger, arg)) => finish_cancel(ledger::transfer(token_ledger, arg).await),
        None => info(),
    };
    drop(lock);
    Ok(info)
}

/// Cancel: the creator, when the campaign allows it, while `Active` or `Paused`. Vesting stops now (each
/// row keeps what had vested, claimable as before) and the unvested total minus the ledger fee is recorded
/// as the creator's refund before the transfer. A refund that failed is retried by calling `cancel` again.
/// Returns the lock and the transfer to make (None when nothing is to be sent).
pub fn begin_cancel(ctx: &CallContext) -> Result<(Lock<&'static str>, Option<RefundTransfer>), DistributionError> {
    let c = repo::get();
    access::require_creator(ctx, &c)?;
    if !c.allow_cancel {
        return Err(DistributionError::CancelNotAllowed);
    }
    let lock = Lock::acquire(LIFECYCLE)?;
    let fee = c.transfer_fee.unwrap_or(0);
    let refund = match (c.status, &c.refund) {
        (CampaignStatus::Active | CampaignStatus::Paused, _) => {
            let mut vested = 0u128;
            rows::for_each(|r| vested += c.categories[r.category as usize].schedule.vested(r.amount, ctx.now));
            let unvested = c.allocated - vested;
            let amount = unvested.saturating_sub(fee);
            let state = if amount == 0 { RefundState::NothingToSend } else { RefundState::Pending };
            let refund = CancelRefund { unvested: Nat::from(unvested), amount: Nat::from(amount), created_at_time: ctx.now, state };
            repo::update(|c| {
                c.status = CampaignStatus::Cancelled;
                c.cancelled_at = Some(ctx.now);
                c.vested_at_cancel = Some(vested);
                c.refund = Some(refund.clone());
            });
            refund
        }
        (CampaignStatus::Cancelled, Some(refund)) if matches!(refund.state, RefundState::Failed { .. }) => {
            let mut refund = refund.clone();
            // Within the ledger's window the same time deduplicates a transfer that went through unseen.
            if ctx.now.saturating_sub(refund.created_at_time) > RETRY_WITH_NEW_TIME_AFTER_NANOS {
                refund.created_at_time = ctx.now;
            }
            refund.state = RefundState::Pending;
            repo::update(|c| c.refund = Some(refund.clone()));
            refund
        }
        (status, _) => return Err(DistributionError::WrongStatus { status }),
    };
    if refund.state != RefundState::Pending {
        return Ok((lock, None));
    }
    let arg = TransferArg {
        from_subaccount: None,
        to: Account::of(c.creator),
        amount: refund.amount,
        fee: Some(Nat::from(fee)),
        memo: Some(serde_bytes::ByteBuf::from(refund_memo(c.creator))),
        created_at_time: Some(refund.created_at_time),
    };
    Ok((lock, Some((c.token_ledger, arg))))
}

/// Records the refund transfer's outcome.
pub fn finish_cancel(result: Result<Nat, DistributionError>) -> CampaignInfo {
    let state = match result {
        Ok(block) | Err(DistributionError::Transfer(icto_shared::token::TransferError::Duplicate { duplicate_of: block })) => {
            RefundState::Paid { block }
        }
        Err(e) => RefundState::Failed { reason: e.to_string() },
    };
    repo::update(|c| {
        if let Some(refund) = c.refund.as_mut() {
            refund.state = state;
        }
    });
    info()
}

/// Returns the campaign with the refund's state: `Paid`, `NothingToSend`, or `Failed` (call again to retry).
pub async fn cancel(ctx: CallContext) -> Result<CampaignInfo, DistributionError> {
    let c = repo::get();
    if c.activated_at.is_none() && matches!(c.status, CampaignStatus::Created | CampaignStatus::Cancelled) {
        return abandon(ctx).await;
    }
    let (lock, transfer) = begin_cancel(&ctx)?;
    let info = match transfer {
        None => info(),
        Some((token_ledger, arg)) => finish_cancel(ledger::transfer(token_ledger, arg).await),
    };
    drop(lock);
    Ok(info)
}

/// The refund's memo: one per campaign creator (a campaign is cancelled once).
pub fn refund_memo(creator: Principal) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(b"icto-distribution-refund");
    h.update([creator.as_slice().len() as u8]);
    h.update(creator.as_slice());
    h.finalize().to_vec()
}

pub fn info() -> CampaignInfo {
    let c = repo::get();
    CampaignInfo {
        factory: c.factory,
        creator: c.creator,
        token_ledger: c.token_ledger,
        title: c.title,
        categories: c.categories,
        allow_pause: c.allow_pause,
        allow_cancel: c.allow_cancel,
        status: c.status,
        created_at: c.created_at,
        activated_at: c.activated_at,
        cancelled_at: c.cancelled_at,
        transfer_fee: c.transfer_fee.map(Nat::from),
        totals: CampaignTotals { allocated: Nat::from(c.allocated), claimed: Nat::from(c.claimed), recipients: c.recipients },
        refund: c.refund,
        pending_reports: factory_reports::pending(),
        registration: super::registration::info(&c.registration),
    }
}
