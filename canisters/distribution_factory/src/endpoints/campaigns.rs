use crate::services::campaigns;
use canister_kit::pagination::PageRequest;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::distribution_factory::{
    CampaignPage, CampaignRecord, CreateCampaignArgs, DistributionFactoryError, UpgradeCampaignArgs,
};

/// Only the backend may call; it names the user who paid and creates the campaign.
#[update]
async fn create_campaign(args: CreateCampaignArgs) -> Result<CampaignRecord, DistributionFactoryError> {
    campaigns::create(CallContext::current(), args).await
}

/// The campaign's creator or an admin; forward only (an admin may roll back to the version before).
#[update]
async fn upgrade_campaign(args: UpgradeCampaignArgs) -> Result<CampaignRecord, DistributionFactoryError> {
    campaigns::upgrade(CallContext::current(), args).await
}

#[query]
fn get_campaign(canister_id: Principal) -> Option<CampaignRecord> {
    campaigns::get(canister_id)
}

/// Every campaign, oldest first (at most 100 per page).
#[query]
fn list_campaigns(page: PageRequest) -> CampaignPage {
    campaigns::all(page)
}

#[query]
fn campaigns_by_creator(creator: Principal, page: PageRequest) -> CampaignPage {
    campaigns::by_creator(creator, page)
}

/// The campaigns that reported `recipient` (reports arrive shortly after the recipients are added).
#[query]
fn campaigns_by_recipient(recipient: Principal, page: PageRequest) -> CampaignPage {
    campaigns::by_recipient(recipient, page)
}
