//! The registry: relationships that factories report (owner, recipient, signer, observer, member,
//! participant), read by user in one query, grouped by contract type and role. Only whitelisted
//! factories write; the contract type is the reporting factory's.

use super::access::require_factory;
use crate::repositories::registry;
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::backend::limits::{MAX_RELATIONSHIPS_PER_USER, MAX_REPORT_CHANGES};
use icto_shared::backend::{BackendError, RelatedCanisters, RelatedGroup, RelationshipAction, RelationshipChange};
use icto_shared::contract::ContractType;
use icto_shared::role::Role;
use std::collections::BTreeMap;

/// Adds a relationship (the paid flow registers each new contract's owner this way).
pub fn add(user: Principal, t: ContractType, role: Role, contract: Principal) -> Result<bool, BackendError> {
    let id = registry::intern(user);
    if registry::count(id) >= MAX_RELATIONSHIPS_PER_USER {
        return Err(BackendError::RegistryFull { max: MAX_RELATIONSHIPS_PER_USER });
    }
    Ok(registry::insert(id, t, role, contract))
}

/// A factory's report. Checked whole before anything is written, so a refused report changes nothing.
pub fn report(ctx: &CallContext, changes: Vec<RelationshipChange>) -> Result<(), BackendError> {
    let t = require_factory(ctx)?;
    if changes.len() > MAX_REPORT_CHANGES {
        return Err(BackendError::InvalidArgument(format!("at most {MAX_REPORT_CHANGES} changes per report")));
    }
    let mut adds: BTreeMap<Principal, u32> = BTreeMap::new();
    for c in changes.iter().filter(|c| c.action == RelationshipAction::Add) {
        *adds.entry(c.user).or_default() += 1;
    }
    for (user, n) in adds {
        let held = registry::user_id(&user).map_or(0, registry::count);
        if held.saturating_add(n) > MAX_RELATIONSHIPS_PER_USER {
            return Err(BackendError::RegistryFull { max: MAX_RELATIONSHIPS_PER_USER });
        }
    }
    for c in changes {
        match c.action {
            RelationshipAction::Add => {
                registry::insert(registry::intern(c.user), t, c.role, c.contract);
            }
            RelationshipAction::Remove => {
                if let Some(id) = registry::user_id(&c.user) {
                    registry::remove(id, t, c.role, c.contract);
                }
            }
        }
    }
    Ok(())
}

/// Every relationship of `user`: one lookup of the user's id and one range scan.
pub fn related(user: Principal) -> RelatedCanisters {
    let Some(id) = registry::user_id(&user) else { return RelatedCanisters { groups: vec![], total: 0 } };
    let mut groups: Vec<RelatedGroup> = Vec::new();
    let mut total = 0;
    for (t, role, contract) in registry::of_user(id) {
        total += 1;
        match groups.last_mut() {
            Some(g) if g.contract_type == t && g.role == role => g.canisters.push(contract),
            _ => groups.push(RelatedGroup { contract_type: t, role, canisters: vec![contract] }),
        }
    }
    RelatedCanisters { groups, total }
}
