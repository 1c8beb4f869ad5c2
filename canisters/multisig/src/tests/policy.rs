//! The policy: always the current signers and threshold.

use super::support::*;
use crate::services::{proposals, votes, wallet};
use canister_kit::factory_reports;
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::multisig::*;
use icto_shared::role::Role;

fn approvals(id: u64) -> (u32, u32, ProposalStatus) {
    let info = proposals::get(&ctx(ALICE, NOW), id).unwrap();
    (info.approvals, info.rejections, info.status)
}

#[test]
fn a_removed_signers_approval_no_longer_counts() {
    setup();
    let pay = propose(CAROL, transfer(5), "carol").unwrap();
    assert_eq!(approvals(pay), (1, 0, ProposalStatus::Pending));
    let removal = propose(ALICE, ProposalAction::RemoveSigner(p(CAROL)), "remove").unwrap();
    votes::vote(&ctx(BOB, NOW), removal, Vote::Approve, None).unwrap();
    assert_eq!(execute_applied(BOB, removal).status, ProposalStatus::Executed);
    assert_eq!(approvals(pay), (0, 0, ProposalStatus::Pending), "Carol's vote is kept but weighs nothing");
    assert_eq!(proposals::get(&ctx(ALICE, NOW), pay).unwrap().votes.len(), 1);
    assert_eq!(votes::vote(&ctx(CAROL, NOW), pay, Vote::Approve, None), Err(MultisigError::Unauthorized));
    assert_eq!(
        factory_reports::peek().last(),
        Some(&RoleChange { user: p(CAROL), role: Role::Signer, action: RelationshipAction::Remove })
    );
}

#[test]
fn a_threshold_change_applies_to_pending_proposals() {
    setup();
    let pay = propose(ALICE, transfer(5), "pay").unwrap();
    assert_eq!(approvals(pay).2, ProposalStatus::Pending);
    // 2 of 3 -> 1 of 3: the pending transfer is approved at once (it executes on the next approve/execute).
    let lower = propose(BOB, ProposalAction::ChangeThreshold(1), "lower").unwrap();
    votes::vote(&ctx(CAROL, NOW), lower, Vote::Approve, None).unwrap();
    execute_applied(CAROL, lower);
    assert_eq!(wallet::info(&ctx(ALICE, NOW)).unwrap().threshold, 1);
    assert_eq!(approvals(pay), (1, 0, ProposalStatus::Approved));
    // 1 of 3 -> 3 of 3: what is approved now needs everyone again.
    let raise = propose(BOB, ProposalAction::ChangeThreshold(3), "raise").unwrap();
    assert_eq!(approvals(raise).2, ProposalStatus::Approved);
    execute_applied(BOB, raise);
    assert_eq!(approvals(pay), (1, 0, ProposalStatus::Pending));
    // Under 3 of 3, one rejection makes it unreachable.
    votes::reject(&ctx(CAROL, NOW), pay, Some("no".into())).unwrap();
    assert_eq!(approvals(pay), (1, 1, ProposalStatus::Rejected));
}

#[test]
fn a_threshold_above_the_signers_is_refused_when_proposed_and_when_executed() {
    setup();
    assert_eq!(propose(ALICE, ProposalAction::ChangeThreshold(4), "t4"), Err(MultisigError::InvalidThreshold { threshold: 4, signers: 3 }));
    // Valid when proposed, invalid once a signer is gone: fails at execution with the error recorded.
    let three = propose(ALICE, ProposalAction::ChangeThreshold(3), "t3").unwrap();
    let removal = propose(ALICE, ProposalAction::RemoveSigner(p(CAROL)), "rm").unwrap();
    votes::vote(&ctx(BOB, NOW), removal, Vote::Approve, None).unwrap();
    execute_applied(BOB, removal);
    votes::vote(&ctx(BOB, NOW), three, Vote::Approve, None).unwrap();
    let failed = execute_applied(BOB, three);
    assert_eq!(failed.status, ProposalStatus::Failed);
    assert!(matches!(failed.outcome, Some(ExecutionOutcome::Error { .. })));
    assert_eq!(wallet::info(&ctx(ALICE, NOW)).unwrap().threshold, 2);
}

#[test]
fn the_last_signer_is_never_removed() {
    let mut solo = config();
    solo.signers.truncate(1);
    solo.threshold = 1;
    setup_with(solo);
    assert_eq!(
        propose(ALICE, ProposalAction::RemoveSigner(p(ALICE)), "me"),
        Err(MultisigError::InvalidThreshold { threshold: 1, signers: 0 })
    );
    // Two signers at threshold 2: removing one is refused too.
    setup_two_of_two_in_place();
    assert_eq!(
        propose(ALICE, ProposalAction::RemoveSigner(p(BOB)), "bob"),
        Err(MultisigError::InvalidThreshold { threshold: 2, signers: 1 })
    );
}

/// Adds Bob to the solo wallet and raises the threshold to 2 (both 1-of-1 proposals execute at once).
fn setup_two_of_two_in_place() {
    let add = propose(ALICE, ProposalAction::AddSigner(MemberInit { principal: p(BOB), name: "Bob".into() }), "add").unwrap();
    assert_eq!(execute_applied(ALICE, add).status, ProposalStatus::Executed);
    let raise = propose(ALICE, ProposalAction::ChangeThreshold(2), "raise").unwrap();
    assert_eq!(execute_applied(ALICE, raise).status, ProposalStatus::Executed);
}

#[test]
fn an_observer_neither_proposes_nor_votes_and_member_changes_are_reported() {
    setup();
    assert_eq!(propose(OLIVIA, transfer(1), "o"), Err(MultisigError::Unauthorized));
    let id = propose(ALICE, transfer(1), "a").unwrap();
    assert_eq!(votes::vote(&ctx(OLIVIA, NOW), id, Vote::Approve, None), Err(MultisigError::Unauthorized));
    let add = propose(ALICE, ProposalAction::AddObserver(MemberInit { principal: p(STRANGER), name: "".into() }), "add").unwrap();
    votes::vote(&ctx(BOB, NOW), add, Vote::Approve, None).unwrap();
    execute_applied(BOB, add);
    let remove = propose(ALICE, ProposalAction::RemoveObserver(p(OLIVIA)), "rm").unwrap();
    votes::vote(&ctx(BOB, NOW), remove, Vote::Approve, None).unwrap();
    execute_applied(BOB, remove);
    let reports = factory_reports::peek();
    assert_eq!(
        reports[reports.len() - 2..],
        [
            RoleChange { user: p(STRANGER), role: Role::Observer, action: RelationshipAction::Add },
            RoleChange { user: p(OLIVIA), role: Role::Observer, action: RelationshipAction::Remove },
        ]
    );
    assert_eq!(wallet::info(&ctx(OLIVIA, NOW)), Err(MultisigError::Unauthorized), "a removed observer reads nothing");
}

#[test]
fn votes_are_idempotent_and_may_change_while_pending() {
    setup();
    let id = propose(ALICE, transfer(1), "a").unwrap();
    votes::reject(&ctx(BOB, NOW), id, None).unwrap();
    votes::reject(&ctx(BOB, NOW), id, None).unwrap();
    assert_eq!(approvals(id), (1, 1, ProposalStatus::Pending));
    // Bob changes his mind: approved (a transfer then executes, here driven by hand).
    votes::vote(&ctx(BOB, NOW), id, Vote::Approve, None).unwrap();
    assert_eq!(approvals(id), (2, 0, ProposalStatus::Approved));
    // Two rejections in a 2-of-3 wallet make the threshold unreachable.
    let other = propose(ALICE, transfer(2), "b").unwrap();
    votes::reject(&ctx(BOB, NOW), other, None).unwrap();
    votes::reject(&ctx(CAROL, NOW), other, None).unwrap();
    assert_eq!(approvals(other), (1, 2, ProposalStatus::Rejected));
    assert_eq!(
        votes::vote(&ctx(BOB, NOW), other, Vote::Approve, None),
        Err(MultisigError::WrongStatus { status: ProposalStatus::Rejected })
    );
}
