use crate::services::history;
use canister_kit::pagination::PageRequest;
use canister_kit::{query, CallContext};
use icto_shared::multisig::{HistoryPage, MultisigError};

/// Newest first, at most 100 per page.
#[query]
fn get_history(page: PageRequest) -> Result<HistoryPage, MultisigError> {
    history::page(&CallContext::current(), page)
}
