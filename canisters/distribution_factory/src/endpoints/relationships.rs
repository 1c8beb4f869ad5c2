use crate::services::relationships;
use canister_kit::{update, CallContext};
use icto_shared::backend::RoleChange;
use icto_shared::distribution_factory::DistributionFactoryError;

/// Callbacks from campaigns this factory deployed: who relates to the calling campaign (indexed here,
/// forwarded to the backend's registry). Any other caller is refused.
#[update]
fn report_relationships(changes: Vec<RoleChange>) -> Result<(), DistributionFactoryError> {
    relationships::report(&CallContext::current(), changes)
}
