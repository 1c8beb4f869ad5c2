//! Relationships: a campaign this factory deployed reports who relates to it (its creator as `Owner`,
//! each new recipient as `Recipient`); callbacks from any other caller are refused. The factory indexes
//! them and forwards what changed its index (with each new campaign's creator) to the backend's
//! registry through the kit's outbox, flushed by a timer right after and retried with backoff.

use crate::repositories::{campaigns, relationships, settings};
use canister_kit::relationships::{forward, require_deployed};
use canister_kit::{CallContext, KitError};
use candid::Principal;
use icto_shared::backend::{RelationshipAction, RelationshipChange, RoleChange};
use icto_shared::distribution_factory::DistributionFactoryError as Error;
use icto_shared::role::Role;
use std::cell::Cell;

pub const MAX_CHANGES: usize = icto_shared::backend::limits::MAX_REPORT_CHANGES;

/// A deployed campaign's report about itself.
pub fn report(ctx: &CallContext, changes: Vec<RoleChange>) -> Result<(), Error> {
    require_deployed(ctx.caller, campaigns::contains).map_err(|_| Error::Unauthorized)?;
    if changes.len() > MAX_CHANGES {
        return Err(Error::Kit(KitError::InvalidArgument(format!("at most {MAX_CHANGES} changes per report"))));
    }
    let contract = ctx.caller;
    let changed: Vec<RelationshipChange> = changes
        .into_iter()
        .filter(|c| match c.action {
            RelationshipAction::Add => campaigns::add_role(c.user, c.role, contract),
            RelationshipAction::Remove => campaigns::remove_role(c.user, c.role, contract),
        })
        .map(|c| RelationshipChange { user: c.user, role: c.role, contract, action: c.action })
        .collect();
    enqueue(changed);
    Ok(())
}

/// A new campaign's creator, for the registry (the campaign's own `Owner` report then changes nothing).
pub fn creator_added(creator: Principal, campaign: Principal) {
    enqueue([RelationshipChange { user: creator, role: Role::Owner, contract: campaign, action: RelationshipAction::Add }]);
}

fn enqueue(changes: impl IntoIterator<Item = RelationshipChange>) {
    relationships::with(|o| o.push(changes));
    schedule(0);
}

/// Changes not yet acknowledged by the backend.
pub fn pending() -> u64 {
    relationships::with(|o| o.len())
}

thread_local! {
    /// A flush is armed or in flight (so two never send the same batch at once).
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static FAILURES: Cell<u32> = const { Cell::new(0) };
}

/// Arms a flush in `delay_seconds` unless one is armed or in flight, or nothing is queued.
pub fn schedule(delay_seconds: u64) {
    if relationships::with(|o| o.is_empty()) || ARMED.with(|a| a.replace(true)) {
        return;
    }
    #[cfg(target_family = "wasm")]
    ic_cdk_timers::set_timer(std::time::Duration::from_secs(delay_seconds), async {
        // Released however the flush ends (also when a trap in its callback drops this future).
        struct Armed;
        impl Drop for Armed {
            fn drop(&mut self) {
                ARMED.with(|a| a.set(false));
            }
        }
        let armed = Armed;
        let next = flush().await;
        drop(armed);
        if let Some(delay) = next {
            schedule(delay);
        }
    });
    #[cfg(not(target_family = "wasm"))]
    let _ = delay_seconds;
}

/// Sends the oldest batch to the backend; the delay before the next flush (none without a backend:
/// `set_backend` arms one).
#[cfg_attr(not(target_family = "wasm"), allow(dead_code))]
async fn flush() -> Option<u64> {
    let backend = settings::with(|s| s.backend)?;
    let (keys, changes) = relationships::with(|o| o.batch());
    if keys.is_empty() {
        return None;
    }
    match forward(backend, changes).await {
        Ok(()) => {
            relationships::with(|o| o.acknowledge(&keys));
            FAILURES.with(|f| f.set(0));
            Some(0)
        }
        Err(_) => {
            let n = FAILURES.with(|f| f.replace(f.get().saturating_add(1)));
            Some((1u64 << n.min(10)).min(600))
        }
    }
}

/// Whether a flush is armed (host tests).
#[cfg(test)]
pub fn is_armed() -> bool {
    ARMED.with(|a| a.get())
}
