//! Distribution factory reads: the campaigns a user created or receives from.
use candid::Principal;
use icto_shared::distribution_factory::CampaignPage;
use icto_shared::pagination::PageRequest;

use super::agent::Client;
use super::errors::readable;

const WHAT: &str = "The distribution factory";
pub const PAGE_SIZE: u64 = 20;

pub async fn by_creator(client: &Client, user: Principal) -> Result<CampaignPage, String> {
    let (page,): (CampaignPage,) = client
        .query("campaigns_by_creator", (user, PageRequest::new(0, PAGE_SIZE)))
        .await
        .map_err(|e| readable(WHAT, &e))?;
    Ok(page)
}

pub async fn by_recipient(client: &Client, user: Principal) -> Result<CampaignPage, String> {
    let (page,): (CampaignPage,) = client
        .query("campaigns_by_recipient", (user, PageRequest::new(0, PAGE_SIZE)))
        .await
        .map_err(|e| readable(WHAT, &e))?;
    Ok(page)
}
