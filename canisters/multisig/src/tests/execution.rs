//! Execution on the host: the `Executing` lock, outcomes, the interrupted-execution guard, and the daily
//! limit across a UTC day.

use super::support::*;
use crate::models::spending::NANOS_PER_DAY;
use crate::services::execution::{self, Answer, Begun, Work};
use crate::services::{tokens, votes, wallet};
use candid::Nat;
use icto_shared::multisig::*;
use icto_shared::token::TransferError;

fn approved(amount: u64, key: &str, now: u64) -> u64 {
    let id = crate::services::proposals::submit(&ctx(ALICE, now), args(transfer(amount), key)).unwrap().0.id;
    votes::vote(&ctx(BOB, now), id, Vote::Approve, None).unwrap();
    id
}

fn begin(id: u64, now: u64) -> Result<(execution::Running, Work), MultisigError> {
    match execution::begin(&ctx(CAROL, now), id)? {
        Begun::Started(running, work) => Ok((running, work)),
        Begun::Finished(info) => panic!("a transfer awaits the ledger: {info:?}"),
    }
}

fn limited(max: u64) {
    let mut c = config();
    c.spending_limits = vec![SpendingLimit { ledger: p(LEDGER), daily_max: Nat::from(max) }];
    setup_with(c);
}

fn spent_today(now: u64) -> Nat {
    wallet::info(&ctx(ALICE, now)).unwrap().spending[0].spent_today.clone()
}

#[test]
fn a_transfer_executes_once_with_its_time_and_memo() {
    setup();
    let id = approved(500, "pay", NOW);
    let (running, work) = begin(id, NOW).unwrap();
    let Work::Transfer { arg, .. } = &work else { panic!("{work:?}") };
    assert_eq!((arg.created_at_time, arg.memo.clone()), (Some(NOW), Some(execution::memo(id, 0))));
    assert_eq!(status(id), ProposalStatus::Executing);
    // A concurrent approve or execute sees the lock.
    assert!(matches!(execution::begin(&ctx(ALICE, NOW), id), Err(MultisigError::ExecutionInProgress)));
    assert_eq!(votes::vote(&ctx(CAROL, NOW), id, Vote::Approve, None), Err(MultisigError::ExecutionInProgress));
    let info = execution::finish(&ctx(CAROL, NOW + 1), running, &work, Answer::Transfer(Ok(Nat::from(7u8))));
    assert_eq!((info.status, info.outcome, info.executed_at), (ProposalStatus::Executed, Some(ExecutionOutcome::Transferred { block: Nat::from(7u8) }), Some(NOW + 1)));
    assert!(matches!(execution::begin(&ctx(ALICE, NOW), id), Err(MultisigError::WrongStatus { status: ProposalStatus::Executed })));
}

#[test]
fn a_refused_transfer_is_recorded_as_failed_and_never_retried() {
    setup();
    let id = approved(500, "pay", NOW);
    let (running, work) = begin(id, NOW).unwrap();
    let refused = Answer::Transfer(Err(MultisigError::Transfer(TransferError::InsufficientFunds { balance: Nat::from(0u8) })));
    let info = execution::finish(&ctx(CAROL, NOW), running, &work, refused);
    assert_eq!(info.status, ProposalStatus::Failed);
    assert!(matches!(info.outcome, Some(ExecutionOutcome::Error { error }) if error.contains("InsufficientFunds")));
    assert!(matches!(execution::begin(&ctx(ALICE, NOW), id), Err(MultisigError::WrongStatus { status: ProposalStatus::Failed })));
}

#[test]
fn an_interrupted_execution_is_recorded_as_failed() {
    setup();
    let id = approved(500, "pay", NOW);
    let (running, _work) = begin(id, NOW).unwrap();
    // What the executor does when the callback traps: the future, and so the guard, is dropped.
    drop(running);
    assert_eq!(status(id), ProposalStatus::Failed);
    let events: Vec<HistoryEvent> = crate::repositories::history::newest(0, 1).into_iter().map(|h| h.event).collect();
    assert_eq!(events, vec![HistoryEvent::Failed { id }]);
}

#[test]
fn a_timelock_holds_an_approved_proposal() {
    setup();
    let mut a = args(transfer(5), "later");
    a.not_before = Some(NOW + DAY);
    let id = crate::services::proposals::submit(&ctx(ALICE, NOW), a).unwrap().0.id;
    votes::vote(&ctx(BOB, NOW), id, Vote::Approve, None).unwrap();
    assert!(matches!(execution::begin(&ctx(BOB, NOW), id), Err(MultisigError::TimelockActive { not_before }) if not_before == NOW + DAY));
    assert!(begin(id, NOW + DAY).is_ok());
}

#[test]
fn a_batch_pays_each_row_and_gives_back_what_failed() {
    limited(1_000);
    let rows = (0..3).map(|i| TransferRow { to: icto_shared::token::Account::of(p(60 + i)), amount: Nat::from(100u32) }).collect();
    let batch = ProposalAction::BatchTransfer(BatchTransferAction { ledger: p(LEDGER), rows });
    let id = propose(ALICE, batch, "batch").unwrap();
    votes::vote(&ctx(BOB, NOW), id, Vote::Approve, None).unwrap();
    let (running, work) = begin(id, NOW).unwrap();
    let Work::BatchTransfer { args, .. } = &work else { panic!("{work:?}") };
    assert_eq!(args.iter().map(|a| a.memo.clone().unwrap()).collect::<Vec<_>>(), (0..3).map(|r| execution::memo(id, r)).collect::<Vec<_>>());
    assert_eq!(spent_today(NOW), Nat::from(300u32), "counted before the await");
    let answers = vec![Ok(Nat::from(1u8)), Err(MultisigError::CallFailed("stopped".into())), Ok(Nat::from(2u8))];
    let info = execution::finish(&ctx(CAROL, NOW), running, &work, Answer::BatchTransfer(answers));
    let Some(ExecutionOutcome::BatchTransferred { rows, paid, failed }) = info.outcome else { panic!() };
    assert_eq!((info.status, paid, failed), (ProposalStatus::Executed, 2, 1));
    assert!(matches!(&rows[1], RowResult::Failed { error } if error.contains("stopped")));
    assert_eq!(spent_today(NOW), Nat::from(200u32), "the failed row is given back");
}

#[test]
fn the_daily_limit_counts_across_a_utc_day_and_leaves_refused_proposals_approved() {
    limited(1_000);
    // 600 at noon: counted.
    let first = approved(600, "first", NOW);
    let (running, work) = begin(first, NOW).unwrap();
    execution::finish(&ctx(CAROL, NOW), running, &work, Answer::Transfer(Ok(Nat::from(1u8))));
    assert_eq!(spent_today(NOW), Nat::from(600u32));
    // Another 600 the same day: refused before anything is attempted, still approved.
    let second = approved(600, "second", NOW);
    let just_before_midnight = (NOW / NANOS_PER_DAY + 1) * NANOS_PER_DAY - 1;
    assert_eq!(
        execution::begin(&ctx(CAROL, just_before_midnight), second).err(),
        Some(MultisigError::SpendingLimitExceeded {
            ledger: p(LEDGER),
            daily_max: Nat::from(1_000u32),
            spent_today: Nat::from(600u32),
            requested: Nat::from(600u32),
        })
    );
    assert_eq!(status(second), ProposalStatus::Approved);
    // A failed transfer gives its amount back; 400 fit exactly.
    let fits = approved(400, "fits", NOW);
    let (running, work) = begin(fits, NOW).unwrap();
    assert_eq!(spent_today(NOW), Nat::from(1_000u32));
    execution::finish(&ctx(CAROL, NOW), running, &work, Answer::Transfer(Err(MultisigError::CallFailed("down".into()))));
    assert_eq!(spent_today(NOW), Nat::from(600u32));
    // At midnight UTC the day starts afresh.
    let midnight = just_before_midnight + 1;
    assert_eq!(spent_today(midnight), Nat::from(0u8));
    let (running, work) = begin(second, midnight).unwrap();
    execution::finish(&ctx(CAROL, midnight), running, &work, Answer::Transfer(Ok(Nat::from(2u8))));
    assert_eq!(spent_today(midnight), Nat::from(600u32));
    // An approval counts too.
    let approve = ProposalAction::Approve(ApproveAction {
        ledger: p(LEDGER),
        spender: icto_shared::token::Account::of(p(PAYEE)),
        amount: Nat::from(500u32),
        expires_at: None,
    });
    let id = propose(ALICE, approve, "allow").unwrap();
    votes::vote(&ctx(BOB, midnight), id, Vote::Approve, None).unwrap();
    assert!(matches!(execution::begin(&ctx(CAROL, midnight), id), Err(MultisigError::SpendingLimitExceeded { .. })));
}

#[test]
fn tokens_with_a_limit_stay_and_the_list_is_bounded() {
    limited(1_000);
    assert!(matches!(tokens::remove(&ctx(ALICE, NOW), p(LEDGER)), Err(MultisigError::InvalidArgument(_))));
    assert_eq!(tokens::add(&ctx(OLIVIA, NOW), p(90)), Err(MultisigError::Unauthorized));
    for i in 1..icto_shared::multisig::limits::MAX_TOKENS as u8 {
        tokens::add(&ctx(ALICE, NOW), p(100 + i)).unwrap();
    }
    assert!(matches!(tokens::add(&ctx(ALICE, NOW), p(99)), Err(MultisigError::InvalidArgument(_))));
    assert_eq!(tokens::remove(&ctx(BOB, NOW), p(101)).unwrap().len(), icto_shared::multisig::limits::MAX_TOKENS - 1);
    assert_eq!(tokens::remove(&ctx(BOB, NOW), p(101)), Err(MultisigError::UnknownToken { ledger: p(101) }));
}
