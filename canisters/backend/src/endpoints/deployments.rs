use crate::services::deployments;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::backend::{BackendError, DeployError, DeployRequest, DeploymentPage, DeploymentStatus};

/// Pays the type's fee (approve fee + ledger fee to this canister first) and deploys the contract.
#[update]
async fn deploy(request: DeployRequest) -> Result<Principal, DeployError> {
    deployments::deploy(CallContext::current(), request).await
}

/// The caller's deployment with this request key: its steps, outcome and refund.
#[query]
fn get_deployment(request_key: String) -> Option<DeploymentStatus> {
    deployments::status(&CallContext::current(), &request_key)
}

/// The caller's deployments, newest first.
#[query]
fn get_my_deployments(offset: u64, limit: u64) -> DeploymentPage {
    deployments::mine(&CallContext::current(), offset, limit)
}

/// Admins: refunds not done yet.
#[query]
fn get_pending_refunds(offset: u64, limit: u64) -> Result<DeploymentPage, BackendError> {
    deployments::pending_refunds(&CallContext::current(), offset, limit)
}
