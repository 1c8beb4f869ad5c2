//! The wallet's history: an entry for every proposal, vote, cancel, expiry, rejection, execution,
//! failure, token and address-book change.

use crate::repositories::{history as store, wallet as wallet_repo};
use crate::services::access;
use canister_kit::pagination::PageRequest;
use canister_kit::CallContext;
use icto_shared::multisig::{HistoryEntry, HistoryEvent, HistoryPage, MultisigError};

pub fn record(ctx: &CallContext, event: HistoryEvent) {
    store::append(HistoryEntry { seq: 0, at: ctx.now, by: ctx.caller, event });
}

/// Newest first.
pub fn page(ctx: &CallContext, page: PageRequest) -> Result<HistoryPage, MultisigError> {
    access::require_reader(ctx, &wallet_repo::get())?;
    Ok(HistoryPage { items: store::newest(page.offset, page.capped_limit()), total: store::count() })
}
