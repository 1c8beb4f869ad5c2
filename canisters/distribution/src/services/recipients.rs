//! Recipients: the fixed list of allocation rows (added by the creator before activation, checked as a
//! whole batch before any is written), each caller's own allocations, and the public list.

use crate::models::campaign::Campaign;
use crate::models::recipients::{AccountKey, Recipient};
use crate::repositories::{campaign as repo, recipients as rows};
use crate::services::{access, LIFECYCLE};
use canister_kit::lock::Lock;
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::{factory_reports, CallContext};
use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::distribution::limits::*;
use icto_shared::distribution::*;
use icto_shared::role::Role;
use std::collections::{BTreeMap, BTreeSet};

pub fn add(ctx: &CallContext, entries: Vec<RecipientEntry>) -> Result<CampaignTotals, DistributionError> {
    let c = repo::get();
    access::require_creator(ctx, &c)?;
    if c.status != CampaignStatus::Created {
        return Err(DistributionError::WrongStatus { status: c.status });
    }
    if Lock::is_held(&LIFECYCLE) {
        // Activation is reading the balance for the current total.
        return Err(DistributionError::OperationInProgress);
    }
    let new_rows = validate(&c, &entries)?;
    insert(new_rows);
    let c = repo::get();
    Ok(CampaignTotals { allocated: Nat::from(c.allocated), claimed: Nat::from(c.claimed), recipients: c.recipients })
}

/// A batch that passed `validate`: its rows, and the owners it brings to the campaign (in order).
pub struct CheckedBatch {
    pub rows: Vec<Recipient>,
    pub new_owners: Vec<Principal>,
}

/// Checks a batch against the campaign and itself; `row` in errors is the index in `entries`. One range of
/// the index per distinct owner; a stored duplicate is looked up only for owners who already have rows.
pub fn validate(c: &Campaign, entries: &[RecipientEntry]) -> Result<CheckedBatch, DistributionError> {
    if entries.len() > MAX_BATCH {
        return Err(DistributionError::BatchTooLarge { max: MAX_BATCH as u32 });
    }
    if c.recipients + entries.len() as u64 > MAX_RECIPIENTS {
        return Err(DistributionError::TooManyRecipients { max: MAX_RECIPIENTS });
    }
    let mut total = c.allocated;
    let mut keys = BTreeSet::new();
    // owner -> (rows stored before this batch, rows with this batch so far)
    let mut per_owner: BTreeMap<Principal, (usize, usize)> = BTreeMap::new();
    let mut new_owners = Vec::new();
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let row = i as u32;
        let amount = check_row(row, c.categories.len(), e)?;
        total = total.checked_add(amount).ok_or(DistributionError::AmountTooLarge { row })?;
        let (stored, held) = per_owner.entry(e.owner).or_insert_with(|| {
            let stored = rows::rows_of(e.owner).len();
            if stored == 0 {
                new_owners.push(e.owner);
            }
            (stored, stored)
        });
        let key = AccountKey::new(e.owner, e.subaccount, e.category);
        if !keys.insert(key) || (*stored > 0 && rows::contains(&key)) {
            return Err(DistributionError::DuplicateRecipient { row });
        }
        *held += 1;
        if *held > MAX_ENTRIES_PER_OWNER {
            return Err(DistributionError::TooManyEntriesForOwner { row, max: MAX_ENTRIES_PER_OWNER as u32 });
        }
        out.push(Recipient { owner: e.owner, subaccount: e.subaccount, category: e.category, amount, claimed: 0, prepaid_fee: true });
    }
    Ok(CheckedBatch { rows: out, new_owners })
}

/// Writes checked rows, the totals, and a `Recipient` report for each owner new to the campaign.
pub fn insert(batch: CheckedBatch) {
    let CheckedBatch { rows: new_rows, new_owners } = batch;
    let (count, sum) = (new_rows.len() as u64, new_rows.iter().map(|r| r.amount).sum::<u128>());
    for r in new_rows {
        rows::push(r);
    }
    repo::update(|c| {
        c.recipients += count;
        c.allocated += sum;
    });
    factory_reports::report(
        new_owners.into_iter().map(|user| RoleChange { user, role: Role::Recipient, action: RelationshipAction::Add }),
    );
}

/// The caller's rows as of now: vested up to now (or the cancel time), claimed, claimable (0 until the
/// campaign is active).
pub fn mine(ctx: &CallContext) -> Vec<Allocation> {
    let c = repo::get();
    let horizon = c.vesting_horizon(ctx.now);
    let can_claim = matches!(c.status, CampaignStatus::Active | CampaignStatus::Cancelled | CampaignStatus::Completed)
        && c.activated_at.is_some();
    rows::rows_of(ctx.caller)
        .into_iter()
        .filter_map(rows::get)
        .map(|r| {
            let vested = c.categories[r.category as usize].schedule.vested(r.amount, horizon);
            let claimable = if can_claim { vested.saturating_sub(r.claimed) } else { 0 };
            Allocation {
                subaccount: r.subaccount,
                category: r.category,
                amount: Nat::from(r.amount),
                vested: Nat::from(vested),
                claimed: Nat::from(r.claimed),
                claimable: Nat::from(claimable),
            }
        })
        .collect()
}

pub fn list(page: PageRequest) -> Page<RecipientInfo> {
    let items = rows::page(page.offset, page.capped_limit())
        .into_iter()
        .map(|r| RecipientInfo {
            owner: r.owner,
            subaccount: r.subaccount,
            category: r.category,
            amount: Nat::from(r.amount),
            claimed: Nat::from(r.claimed),
        })
        .collect();
    Page { items, total: rows::count() }
}
