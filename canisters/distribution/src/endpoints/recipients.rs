use crate::services::recipients;
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::{query, update, CallContext};
use icto_shared::distribution::{Allocation, CampaignTotals, DistributionError, RecipientEntry, RecipientInfo};

/// The creator, before activation: rows are checked as a batch and all written, or none.
#[update]
fn add_recipients(entries: Vec<RecipientEntry>) -> Result<CampaignTotals, DistributionError> {
    recipients::add(&CallContext::current(), entries)
}

/// The caller's rows, with what has vested, was claimed and is claimable now.
#[query]
fn get_my_allocation() -> Vec<Allocation> {
    recipients::mine(&CallContext::current())
}

#[query]
fn list_recipients(page: PageRequest) -> Page<RecipientInfo> {
    recipients::list(page)
}
