//! The distribution factory.

use super::describe_call_failure;
use candid::Principal;
use ic_cdk::call::Call;
use icto_shared::distribution_factory::{CampaignRecord, CreateCampaignArgs, DistributionFactoryError};

/// The factory's typed reply, or why the call failed (rejected, stopped, frozen, trapped, bad reply).
pub async fn create_campaign(
    factory: Principal,
    args: CreateCampaignArgs,
) -> Result<Result<CampaignRecord, DistributionFactoryError>, String> {
    let reply = Call::unbounded_wait(factory, "create_campaign").with_arg(args).await.map_err(describe_call_failure)?;
    reply.candid().map_err(describe_call_failure)
}
