use crate::services::campaign;
use canister_kit::{query, update, CallContext};
use icto_shared::distribution::{CampaignInfo, DistributionError};

/// The creator: `Active` if the contract's balance covers every allocation plus one fee per row.
#[update]
async fn activate() -> Result<CampaignInfo, DistributionError> {
    campaign::activate(CallContext::current()).await
}

#[update]
fn pause() -> Result<CampaignInfo, DistributionError> {
    campaign::pause(&CallContext::current())
}

#[update]
fn resume() -> Result<CampaignInfo, DistributionError> {
    campaign::resume(&CallContext::current())
}

/// The creator: vesting stops; the unvested remainder goes back to the creator (see `refund` in the reply;
/// call again to retry a failed refund). Before activation (always allowed) the whole balance goes back
/// and nothing can be claimed.
#[update]
async fn cancel() -> Result<CampaignInfo, DistributionError> {
    campaign::cancel(CallContext::current()).await
}

#[query]
fn get_campaign() -> CampaignInfo {
    campaign::info()
}
