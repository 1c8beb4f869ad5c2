//! Relationships: a token this factory deployed may report who relates to it (callbacks from any other
//! caller are refused); the factory indexes them and forwards them, with each new token's owner, to the
//! backend's registry through the kit's outbox, flushed by a timer right after and retried with backoff.

use crate::memory;
use crate::repositories::{settings, tokens};
#[cfg(target_family = "wasm")]
use canister_kit::relationships::send;
use canister_kit::relationships::{Forwarder, ReportRefusal};
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::backend::{RelationshipAction, RelationshipChange, RoleChange};
use icto_shared::role::Role;
use icto_shared::token_factory::FactoryError;


/// A deployed token's report about itself.
pub fn report(ctx: &CallContext, changes: Vec<RoleChange>) -> Result<(), FactoryError> {
    let deployed = |c: &Principal| tokens::get(c).is_some();
    // Every change is forwarded (the backend's writes are idempotent).
    let apply = |c: &RoleChange, contract| {
        match c.action {
            RelationshipAction::Add => tokens::add_role(c.user, c.role, contract),
            RelationshipAction::Remove => tokens::remove_role(c.user, c.role, contract),
        }
        true
    };
    FORWARDER.accept_report(ctx.caller, changes, deployed, apply).map_err(|e| match e {
        ReportRefusal::NotDeployed => FactoryError::Unauthorized,
        other => FactoryError::InvalidArgument(other.to_string()),
    })
}

/// A new token's owner, for the registry.
pub fn owner_added(owner: Principal, token: Principal) {
    enqueue([RelationshipChange { user: owner, role: Role::Owner, contract: token, action: RelationshipAction::Add }]);
}

fn enqueue(changes: impl IntoIterator<Item = RelationshipChange>) {
    FORWARDER.forward(changes);
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
