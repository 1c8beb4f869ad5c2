//! Proposals: validation refusals with their typed errors, dedup keys, expiry, cancel rules.

use super::support::*;
use crate::services::{proposals, votes, wallet};
use canister_kit::factory_reports;
use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::multisig::limits::*;
use icto_shared::multisig::*;
use icto_shared::role::Role;
use icto_shared::token::Account;

#[test]
fn init_stores_the_wallet_and_reports_every_member() {
    setup();
    let info = wallet::info(&ctx(OLIVIA, NOW)).unwrap();
    assert_eq!((info.threshold, info.members.len(), info.creator, info.factory), (2, 4, p(CREATOR), p(FACTORY)));
    let change = |n: u8, role| RoleChange { user: p(n), role, action: RelationshipAction::Add };
    assert_eq!(
        factory_reports::peek(),
        vec![change(CREATOR, Role::Owner), change(ALICE, Role::Signer), change(BOB, Role::Signer), change(CAROL, Role::Signer), change(OLIVIA, Role::Observer)]
    );
    assert_eq!(wallet::info(&ctx(STRANGER, NOW)), Err(MultisigError::Unauthorized));
    assert!(wallet::info(&ctx(FACTORY, NOW)).is_ok(), "the factory reads");
}

#[test]
fn an_invalid_init_stores_nothing() {
    let mut bad = config();
    bad.threshold = 4;
    let init = MultisigInitArgs { factory: p(FACTORY), creator: p(CREATOR), config: bad };
    assert_eq!(wallet::init(&ctx(CREATOR, NOW), init), Err(MultisigError::InvalidThreshold { threshold: 4, signers: 3 }));
    let init = MultisigInitArgs { factory: Principal::anonymous(), creator: p(CREATOR), config: config() };
    assert!(matches!(wallet::init(&ctx(CREATOR, NOW), init), Err(MultisigError::InvalidArgument(_))));
    assert!(!crate::repositories::wallet::exists(), "nothing is stored, nothing is reported (the outbox is not even installed)");
}

#[test]
fn proposals_are_validated_with_typed_errors() {
    setup();
    let refused = |action: ProposalAction| propose(ALICE, action, "k").unwrap_err();
    let mut long = args(transfer(1), "k");
    long.title = "x".repeat(TITLE_MAX_CHARS + 1);
    assert!(matches!(proposals::submit(&ctx(ALICE, NOW), long), Err(MultisigError::TextLength { .. })));
    let mut no_key = args(transfer(1), "");
    no_key.dedup_key = String::new();
    assert!(matches!(proposals::submit(&ctx(ALICE, NOW), no_key), Err(MultisigError::TextLength { .. })));
    let mut short = args(transfer(1), "k");
    short.expires_in = Some(MINUTE - 1);
    assert!(matches!(proposals::submit(&ctx(ALICE, NOW), short), Err(MultisigError::InvalidArgument(_))));
    let mut late = args(transfer(1), "k");
    late.not_before = Some(NOW + 31 * DAY);
    late.expires_in = Some(60 * DAY);
    assert!(matches!(proposals::submit(&ctx(ALICE, NOW), late), Err(MultisigError::InvalidArgument(_))));
    let mut after_expiry = args(transfer(1), "k");
    after_expiry.not_before = Some(NOW + 8 * DAY);
    assert!(matches!(proposals::submit(&ctx(ALICE, NOW), after_expiry), Err(MultisigError::InvalidArgument(_))));

    assert!(matches!(refused(transfer(0)), MultisigError::InvalidArgument(_)));
    let unknown = ProposalAction::Transfer(TransferAction { ledger: p(99), to: Account::of(p(PAYEE)), amount: Nat::from(1u8), memo: None });
    assert_eq!(refused(unknown), MultisigError::UnknownToken { ledger: p(99) });
    let anonymous = ProposalAction::Transfer(TransferAction {
        ledger: p(LEDGER),
        to: Account::of(Principal::anonymous()),
        amount: Nat::from(1u8),
        memo: None,
    });
    assert!(matches!(refused(anonymous), MultisigError::InvalidArgument(_)));
    let long_memo = ProposalAction::Transfer(TransferAction {
        ledger: p(LEDGER),
        to: Account::of(p(PAYEE)),
        amount: Nat::from(1u8),
        memo: Some(serde_bytes::ByteBuf::from(vec![0; 33])),
    });
    assert!(matches!(refused(long_memo), MultisigError::InvalidArgument(_)));
    let batch = |rows: usize| {
        let row = TransferRow { to: Account::of(p(PAYEE)), amount: Nat::from(1u8) };
        ProposalAction::BatchTransfer(BatchTransferAction { ledger: p(LEDGER), rows: vec![row; rows] })
    };
    assert!(matches!(refused(batch(0)), MultisigError::InvalidArgument(_)));
    assert!(matches!(refused(batch(MAX_BATCH_ROWS + 1)), MultisigError::InvalidArgument(_)));
    assert_eq!(propose(ALICE, batch(MAX_BATCH_ROWS), "full batch"), Ok(0));

    let call = |canister, method: &str, arg: Vec<u8>| ProposalAction::Call(CallAction { canister, method: method.into(), arg });
    let self_id = ctx(ALICE, NOW).self_id;
    assert!(matches!(refused(call(self_id, "m", b"DIDL\0\0".to_vec())), MultisigError::InvalidArgument(_)));
    assert!(matches!(refused(call(p(77), "m", b"not candid".to_vec())), MultisigError::InvalidArgument(_)));
    let mut big = b"DIDL".to_vec();
    big.resize(MAX_CALL_ARG_BYTES + 1, 0);
    assert!(matches!(refused(call(p(77), "m", big)), MultisigError::InvalidArgument(_)));
    assert!(matches!(refused(call(p(77), "", b"DIDL\0\0".to_vec())), MultisigError::TextLength { .. }));
    assert_eq!(propose(ALICE, call(p(77), "m", b"DIDL\0\0".to_vec()), "call"), Ok(1));

    assert_eq!(refused(ProposalAction::AddSigner(MemberInit { principal: p(BOB), name: "".into() })), MultisigError::AlreadyMember { principal: p(BOB) });
    assert_eq!(refused(ProposalAction::RemoveSigner(p(OLIVIA))), MultisigError::NotMember { principal: p(OLIVIA) });
    assert_eq!(refused(ProposalAction::RemoveObserver(p(BOB))), MultisigError::NotMember { principal: p(BOB) });
    assert_eq!(refused(ProposalAction::ChangeThreshold(0)), MultisigError::InvalidThreshold { threshold: 0, signers: 3 });
    assert_eq!(
        refused(ProposalAction::SetSpendingLimit { ledger: p(98), daily_max: None }),
        MultisigError::UnknownToken { ledger: p(98) }
    );
}

#[test]
fn only_signers_propose_and_vote() {
    setup();
    assert_eq!(propose(OLIVIA, transfer(1), "o"), Err(MultisigError::Unauthorized));
    assert_eq!(propose(STRANGER, transfer(1), "s"), Err(MultisigError::Unauthorized));
    let id = propose(ALICE, transfer(1), "a").unwrap();
    assert_eq!(votes::vote(&ctx(OLIVIA, NOW), id, Vote::Approve, None), Err(MultisigError::Unauthorized));
    assert_eq!(votes::reject(&ctx(OLIVIA, NOW), id, None), Err(MultisigError::Unauthorized));
    assert!(proposals::get(&ctx(OLIVIA, NOW), id).is_ok(), "observers read");
    assert_eq!(proposals::get(&ctx(STRANGER, NOW), id), Err(MultisigError::Unauthorized));
}

#[test]
fn a_dedup_key_returns_the_first_proposal_or_is_refused_for_other_content() {
    setup();
    let id = propose(ALICE, transfer(5), "pay-5").unwrap();
    let (again, new) = proposals::submit(&ctx(ALICE, NOW + MINUTE), args(transfer(5), "pay-5")).unwrap();
    assert_eq!((again.id, new), (id, false));
    assert_eq!(propose(ALICE, transfer(6), "pay-5"), Err(MultisigError::DedupKeyReused { id }));
    // Keys are per proposer.
    assert_eq!(propose(BOB, transfer(6), "pay-5"), Ok(id + 1));
    assert_eq!(crate::repositories::proposals::count(), 2);
}

#[test]
fn an_expired_proposal_is_closed_when_touched_and_counted_out() {
    setup();
    let mut a = args(transfer(5), "soon");
    a.expires_in = Some(2 * MINUTE);
    let (p0, _) = proposals::submit(&ctx(ALICE, NOW), a).unwrap();
    assert_eq!(wallet::info(&ctx(ALICE, NOW)).unwrap().open_proposals, 1);
    let later = NOW + 2 * MINUTE;
    assert_eq!(wallet::info(&ctx(ALICE, later)).unwrap().open_proposals, 0);
    assert_eq!(proposals::get(&ctx(ALICE, later), p0.id).unwrap().status, ProposalStatus::Expired);
    assert_eq!(
        votes::vote(&ctx(BOB, later), p0.id, Vote::Approve, None),
        Err(MultisigError::WrongStatus { status: ProposalStatus::Expired })
    );
    let closed = proposals::list(&ctx(ALICE, later), ProposalFilter::Closed, canister_kit::pagination::PageRequest::new(0, 10)).unwrap();
    assert_eq!((closed.total, closed.items[0].id), (1, p0.id));
    let events: Vec<HistoryEvent> = crate::repositories::history::newest(0, 1).into_iter().map(|h| h.event).collect();
    assert_eq!(events, vec![HistoryEvent::Expired { id: p0.id }]);
}

#[test]
fn open_proposals_are_bounded() {
    setup();
    for i in 0..MAX_OPEN_PROPOSALS {
        propose(ALICE, transfer(1), &format!("k{i}")).unwrap();
    }
    assert_eq!(propose(ALICE, transfer(1), "one more"), Err(MultisigError::TooManyOpenProposals { max: MAX_OPEN_PROPOSALS }));
    // Cancelling one frees a place.
    proposals::cancel(&ctx(ALICE, NOW), 0).unwrap();
    assert!(propose(ALICE, transfer(1), "one more").is_ok());
}

#[test]
fn only_the_proposer_cancels_and_only_while_pending() {
    setup();
    let id = propose(ALICE, transfer(5), "a").unwrap();
    assert_eq!(proposals::cancel(&ctx(BOB, NOW), id), Err(MultisigError::Unauthorized));
    assert_eq!(proposals::cancel(&ctx(ALICE, NOW), id).unwrap().status, ProposalStatus::Cancelled);
    assert_eq!(proposals::cancel(&ctx(ALICE, NOW), id), Err(MultisigError::WrongStatus { status: ProposalStatus::Cancelled }));
    // Approved (not yet executed: a timelock holds it): no longer cancellable.
    let mut locked = args(transfer(5), "locked");
    locked.not_before = Some(NOW + DAY);
    let (p1, _) = proposals::submit(&ctx(ALICE, NOW), locked).unwrap();
    votes::vote(&ctx(BOB, NOW), p1.id, Vote::Approve, None).unwrap();
    assert_eq!(status(p1.id), ProposalStatus::Approved);
    assert_eq!(proposals::cancel(&ctx(ALICE, NOW), p1.id), Err(MultisigError::WrongStatus { status: ProposalStatus::Approved }));
}
