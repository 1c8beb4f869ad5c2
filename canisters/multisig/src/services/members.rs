//! Member and policy actions (add or remove a signer or observer, change the threshold, set a daily
//! limit): checked when proposed and again when executed, applied in the wallet without any await, and
//! every signer or observer change reported to the factory. A change of signers or threshold re-settles
//! every open proposal under the new policy.

use crate::models::wallet::Wallet;
use crate::repositories::{members, wallet as repo};
use crate::services::{proposals, wallet};
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::backend::RelationshipAction;
use icto_shared::multisig::limits::{MAX_OBSERVERS, MAX_SIGNERS};
use icto_shared::multisig::*;

fn require_absent(m: &MemberInit) -> Result<(), MultisigError> {
    check_member(m)?;
    if members::get(&m.principal).is_some() {
        return Err(MultisigError::AlreadyMember { principal: m.principal });
    }
    Ok(())
}

fn require_role(who: Principal, role: MemberRole) -> Result<(), MultisigError> {
    if members::role_of(&who) == Some(role) { Ok(()) } else { Err(MultisigError::NotMember { principal: who }) }
}

/// Whether a member or policy action is valid against the wallet as it is now.
pub fn check(wallet: &Wallet, action: &ProposalAction) -> Result<(), MultisigError> {
    match action {
        ProposalAction::AddSigner(m) => {
            require_absent(m)?;
            if wallet.signers as usize >= MAX_SIGNERS {
                return Err(MultisigError::TooManyMembers { max: MAX_SIGNERS as u32 });
            }
        }
        ProposalAction::AddObserver(m) => {
            require_absent(m)?;
            if wallet.observers as usize >= MAX_OBSERVERS {
                return Err(MultisigError::TooManyMembers { max: MAX_OBSERVERS as u32 });
            }
        }
        ProposalAction::RemoveSigner(who) => {
            require_role(*who, MemberRole::Signer)?;
            // The threshold must still fit: so the last signer is never removed.
            check_threshold(wallet.threshold, wallet.signers as usize - 1)?;
        }
        ProposalAction::RemoveObserver(who) => require_role(*who, MemberRole::Observer)?,
        ProposalAction::ChangeThreshold(t) => check_threshold(*t, wallet.signers as usize)?,
        ProposalAction::SetSpendingLimit { ledger, .. } => {
            if !wallet.tracks(ledger) {
                return Err(MultisigError::UnknownToken { ledger: *ledger });
            }
        }
        ProposalAction::Transfer(_) | ProposalAction::BatchTransfer(_) | ProposalAction::Approve(_) | ProposalAction::Call(_) => {
            return Err(MultisigError::InvalidArgument("not a member or policy action".into()));
        }
    }
    Ok(())
}

/// Checks the action against the current state and applies it.
pub fn apply(ctx: &CallContext, action: &ProposalAction) -> Result<(), MultisigError> {
    let w = repo::get();
    check(&w, action)?;
    let add = |m: &MemberInit, role| {
        members::insert(Member { principal: m.principal, name: m.name.clone(), role, added_at: ctx.now });
        wallet::report(m.principal, role, RelationshipAction::Add);
    };
    let remove = |who: &Principal, role| {
        members::remove(who);
        wallet::report(*who, role, RelationshipAction::Remove);
    };
    match action {
        ProposalAction::AddSigner(m) => {
            add(m, MemberRole::Signer);
            repo::update(|w| w.signers += 1);
        }
        ProposalAction::AddObserver(m) => {
            add(m, MemberRole::Observer);
            repo::update(|w| w.observers += 1);
        }
        ProposalAction::RemoveSigner(who) => {
            remove(who, MemberRole::Signer);
            repo::update(|w| w.signers -= 1);
        }
        ProposalAction::RemoveObserver(who) => {
            remove(who, MemberRole::Observer);
            repo::update(|w| w.observers -= 1);
        }
        ProposalAction::ChangeThreshold(t) => repo::update(|w| w.threshold = *t),
        ProposalAction::SetSpendingLimit { ledger, daily_max } => repo::update(|w| {
            w.spending_limits.retain(|l| l.ledger != *ledger);
            if let Some(max) = daily_max {
                w.spending_limits.push(SpendingLimit { ledger: *ledger, daily_max: max.clone() });
            }
        }),
        _ => unreachable!("checked above: a member or policy action"),
    }
    if matches!(action, ProposalAction::AddSigner(_) | ProposalAction::RemoveSigner(_) | ProposalAction::ChangeThreshold(_)) {
        proposals::reevaluate_open(ctx);
    }
    Ok(())
}
