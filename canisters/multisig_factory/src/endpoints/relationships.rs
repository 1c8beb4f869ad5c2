use crate::services::relationships;
use canister_kit::{update, CallContext};
use icto_shared::backend::RoleChange;
use icto_shared::multisig_factory::MultisigFactoryError;

/// Callbacks from wallets this factory deployed: who relates to the calling wallet (indexed here,
/// forwarded to the backend's registry). Any other caller is refused.
#[update]
fn report_relationships(changes: Vec<RoleChange>) -> Result<(), MultisigFactoryError> {
    relationships::report(&CallContext::current(), changes)
}
