//! Relationships: a wallet this factory deployed reports who relates to it (its creator as `Owner`, each
//! signer as `Signer` and each observer as `Observer`, added and removed as its proposals change its
//! members); callbacks from any other caller are refused. The factory indexes them (a removed signer
//! leaves `wallets_by_signer`) and forwards what changed its index to the backend's registry through the
//! kit's outbox, flushed by a timer right after and retried with backoff.

use crate::memory;
use crate::repositories::wallets::WALLETS;
use crate::repositories::settings;
#[cfg(target_family = "wasm")]
use canister_kit::relationships::send;
use canister_kit::relationships::{Forwarder, ReportRefusal};
use canister_kit::{CallContext, KitError};
use candid::Principal;
use icto_shared::backend::{RelationshipAction, RelationshipChange, RoleChange};
use icto_shared::multisig_factory::MultisigFactoryError as Error;
use icto_shared::role::Role;

pub const MAX_CHANGES: usize = icto_shared::backend::limits::MAX_REPORT_CHANGES;

/// A deployed wallet's report about itself.
pub fn report(ctx: &CallContext, changes: Vec<RoleChange>) -> Result<(), Error> {
    let apply = |c: &RoleChange, wallet| match c.action {
        RelationshipAction::Add => WALLETS.add_role(c.user, c.role, wallet),
        RelationshipAction::Remove => WALLETS.remove_role(c.user, c.role, wallet),
    };
    FORWARDER.accept_report(ctx.caller, changes, |id: &Principal| WALLETS.contains(id), apply).map_err(|e| match e {
        ReportRefusal::NotDeployed => Error::Unauthorized,
        other => Error::Kit(KitError::InvalidArgument(other.to_string())),
    })
}

/// A new wallet's creator, for the registry (the wallet's own `Owner` report then changes nothing).
pub fn creator_added(creator: Principal, wallet: Principal) {
    FORWARDER.forward([RelationshipChange { user: creator, role: Role::Owner, contract: wallet, action: RelationshipAction::Add }]);
}

/// Forwarding to the backend: the kit's forwarder on this factory's outbox, sent to the backend in its
/// settings, delivered by a timer set here.
pub const FORWARDER: Forwarder = Forwarder { outbox: memory::RELATIONSHIP_OUTBOX, backend: backend_id, arm };

fn backend_id() -> Option<Principal> {
    settings::with(|s| s.backend)
}

fn arm(delay_seconds: u64) {
    #[cfg(target_family = "wasm")]
    ic_cdk_timers::set_timer(std::time::Duration::from_secs(delay_seconds), canister_kit::relationships::deliver(send));
    #[cfg(not(target_family = "wasm"))]
    let _ = delay_seconds;
}

/// Changes not yet acknowledged by the backend.
pub fn pending() -> u64 {
    FORWARDER.pending()
}

/// Whether a flush is armed (host tests).
#[cfg(test)]
pub fn is_armed() -> bool {
    FORWARDER.is_busy()
}
