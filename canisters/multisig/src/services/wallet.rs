//! The wallet itself: init (validate everything, then store and report every member to the factory),
//! upgrade, and the wallet view.

use crate::memory;
use crate::models::wallet::Wallet;
use crate::repositories::{members, wallet as repo};
use crate::services::{access, history, proposals, spending};
use canister_kit::{factory_reports, CallContext};
use candid::Principal;
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::multisig::*;
use icto_shared::role::Role;

/// Validates the whole argument, then writes the wallet, its members, the history's first entry and the
/// reports (owner first). Nothing is written when the argument is invalid.
pub fn init(ctx: &CallContext, args: MultisigInitArgs) -> Result<(), MultisigError> {
    args.config.validate()?;
    if args.factory == Principal::anonymous() || args.creator == Principal::anonymous() {
        return Err(MultisigError::InvalidArgument("the factory and the creator may not be anonymous".into()));
    }
    let config = args.config;
    repo::set(Wallet {
        name: config.name,
        description: config.description,
        factory: args.factory,
        creator: args.creator,
        created_at: ctx.now,
        threshold: config.threshold,
        signers: config.signers.len() as u32,
        observers: config.observers.len() as u32,
        tokens: config.tokens,
        spending_limits: config.spending_limits,
    });
    let mut changes = vec![RoleChange { user: args.creator, role: Role::Owner, action: RelationshipAction::Add }];
    for (list, role) in [(config.signers, MemberRole::Signer), (config.observers, MemberRole::Observer)] {
        for m in list {
            changes.push(RoleChange { user: m.principal, role: role_of(role), action: RelationshipAction::Add });
            members::insert(Member { principal: m.principal, name: m.name, role, added_at: ctx.now });
        }
    }
    install_reports(args.factory);
    factory_reports::report(changes);
    history::record(&CallContext { caller: args.creator, ..*ctx }, HistoryEvent::Created);
    Ok(())
}

/// State is in stable memory; the outbox restarts delivering what it holds.
pub fn post_upgrade() {
    install_reports(repo::get().factory);
}

fn install_reports(factory: Principal) {
    factory_reports::install(memory::get(memory::FACTORY_REPORTS), factory, arm_report_delivery);
}

/// The registry's role of a member role.
pub fn role_of(role: MemberRole) -> Role {
    match role {
        MemberRole::Signer => Role::Signer,
        MemberRole::Observer => Role::Observer,
    }
}

/// Queues a member change for the factory (durably, in this message).
pub fn report(user: Principal, role: MemberRole, action: RelationshipAction) {
    factory_reports::report([RoleChange { user, role: role_of(role), action }]);
}

/// The outbox's next delivery, by a timer (the kit leaves timers to the canisters that need them).
fn arm_report_delivery(delay_seconds: u64) {
    #[cfg(target_family = "wasm")]
    ic_cdk_timers::set_timer(std::time::Duration::from_secs(delay_seconds), async {
        factory_reports::deliver(factory_reports::send).await;
    });
    #[cfg(not(target_family = "wasm"))]
    let _ = delay_seconds;
}

/// The wallet: members, policy, tokens with today's spending, proposal counts (expired ones counted out).
pub fn info(ctx: &CallContext) -> Result<WalletInfo, MultisigError> {
    let w = repo::get();
    access::require_reader(ctx, &w)?;
    proposals::expire_due(ctx);
    Ok(WalletInfo {
        name: w.name.clone(),
        description: w.description.clone(),
        factory: w.factory,
        creator: w.creator,
        created_at: w.created_at,
        threshold: w.threshold,
        members: members::all(),
        tokens: w.tokens.clone(),
        spending: spending::today(&w, ctx.now),
        open_proposals: crate::repositories::proposals::open_count(),
        proposal_count: crate::repositories::proposals::count(),
        pending_reports: factory_reports::pending(),
    })
}
