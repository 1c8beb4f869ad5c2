//! Relationships: a token this factory deployed may report who relates to it (callbacks from any other
//! caller are refused); the factory indexes them and forwards them, with each new token's owner, to the
//! backend's registry through the kit's outbox, flushed by a timer right after and retried with backoff.

use crate::repositories::{relationships, settings, tokens};
use canister_kit::relationships::{forward, require_deployed};
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::backend::{RelationshipAction, RelationshipChange, RoleChange};
use icto_shared::role::Role;
use icto_shared::token_factory::FactoryError;
use std::cell::Cell;

const MAX_CHANGES: usize = icto_shared::backend::limits::MAX_REPORT_CHANGES;

/// A deployed token's report about itself.
pub fn report(ctx: &CallContext, changes: Vec<RoleChange>) -> Result<(), FactoryError> {
    require_deployed(ctx.caller, |c| tokens::get(c).is_some()).map_err(|_| FactoryError::Unauthorized)?;
    if changes.len() > MAX_CHANGES {
        return Err(FactoryError::InvalidArgument(format!("at most {MAX_CHANGES} changes per report")));
    }
    let contract = ctx.caller;
    for c in &changes {
        match c.action {
            RelationshipAction::Add => tokens::add_role(c.user, c.role, contract),
            RelationshipAction::Remove => tokens::remove_role(c.user, c.role, contract),
        }
    }
    enqueue(changes.into_iter().map(|c| RelationshipChange { user: c.user, role: c.role, contract, action: c.action }));
    Ok(())
}

/// A new token's owner, for the registry.
pub fn owner_added(owner: Principal, token: Principal) {
    enqueue([RelationshipChange { user: owner, role: Role::Owner, contract: token, action: RelationshipAction::Add }]);
}

fn enqueue(changes: impl IntoIterator<Item = RelationshipChange>) {
    relationships::with(|o| o.push(changes));
    schedule(0);
}

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static FAILURES: Cell<u32> = const { Cell::new(0) };
}

pub fn schedule(delay_seconds: u64) {
    if relationships::with(|o| o.is_empty()) || ARMED.with(|a| a.replace(true)) {
        return;
    }
    #[cfg(target_family = "wasm")]
    ic_cdk_timers::set_timer(std::time::Duration::from_secs(delay_seconds), async {
        ARMED.with(|a| a.set(false));
        flush().await;
    });
    #[cfg(not(target_family = "wasm"))]
    let _ = delay_seconds;
}

#[cfg_attr(not(target_family = "wasm"), allow(dead_code))]
async fn flush() {
    let Some(backend) = settings::with(|s| s.backend) else { return };
    let (keys, changes) = relationships::with(|o| o.batch());
    if keys.is_empty() {
        return;
    }
    match forward(backend, changes).await {
        Ok(()) => {
            relationships::with(|o| o.acknowledge(&keys));
            FAILURES.with(|f| f.set(0));
            schedule(0);
        }
        Err(_) => {
            let n = FAILURES.with(|f| f.replace(f.get().saturating_add(1)));
            schedule((1u64 << n.min(10)).min(600));
        }
    }
}
