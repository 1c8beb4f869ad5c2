//! The services on the host: each test runs on its own thread, so it starts with empty stable memory.
//! Ledger answers are passed to the `finish_*` halves by hand.

use crate::repositories::campaign as repo;
use crate::services::{campaign, claims, recipients};
use canister_kit::pagination::PageRequest;
use canister_kit::{factory_reports, CallContext};
use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::distribution::limits::*;
use icto_shared::distribution::*;
use icto_shared::role::Role;
use icto_shared::token::{Account, TransferError};
use icto_shared::vesting::*;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[n; 10])
}
const CREATOR: u8 = 1;
const FACTORY: u8 = 2;
const LEDGER: u8 = 3;
const ALICE: u8 = 10;
const BOB: u8 = 11;
const FEE: u128 = 10;
const SECOND: u64 = NANOS_PER_SECOND;
const DAY: u64 = DAY_SECONDS * SECOND;
const START: u64 = 1_700_000_000 * SECOND;

fn ctx(caller: u8, now: u64) -> CallContext {
    CallContext::for_test(p(caller), now)
}

/// Category 0 ("Team"): linear over 100 days, daily. Category 1 ("Airdrop"): everything at the start.
fn categories() -> Vec<Category> {
    vec![
        Category {
            name: "Team".into(),
            schedule: VestingSchedule {
                start_nanos: START,
                initial_unlock_bps: 0,
                shape: VestingShape::Linear { duration_seconds: 100 * DAY_SECONDS, frequency: Frequency::Daily },
            },
        },
        Category { name: "Airdrop".into(), schedule: VestingSchedule { start_nanos: START, initial_unlock_bps: 0, shape: VestingShape::Instant } },
    ]
}

fn entry(owner: u8, category: u32, amount: u128) -> RecipientEntry {
    RecipientEntry { owner: p(owner), subaccount: None, category, amount: Nat::from(amount) }
}

fn args(recipients: Vec<RecipientEntry>) -> DistributionInitArgs {
    DistributionInitArgs {
        factory: p(FACTORY),
        creator: p(CREATOR),
        token_ledger: p(LEDGER),
        title: "Seed round".into(),
        categories: categories(),
        recipients,
        allow_pause: true,
        allow_cancel: true,
        registration: None,
    }
}

/// Alice: 1,000,000 Team + 500 Airdrop; Bob: 2,000,000 Team.
fn standard() -> Vec<RecipientEntry> {
    vec![entry(ALICE, 0, 1_000_000), entry(ALICE, 1, 500), entry(BOB, 0, 2_000_000)]
}

fn setup(recipients: Vec<RecipientEntry>) {
    campaign::init(&ctx(CREATOR, START - DAY), args(recipients)).unwrap();
}

fn activate() {
    let (lock, ledger) = campaign::begin_activate(&ctx(CREATOR, START - DAY)).unwrap();
    assert_eq!(ledger, p(LEDGER));
    let c = repo::get();
    let enough = Nat::from(c.allocated + FEE * c.recipients as u128);
    campaign::finish_activate(START - DAY, Nat::from(FEE), enough).unwrap();
    drop(lock);
}

/// A claim whose transfer the ledger accepts as `block`.
fn claim_paid(caller: u8, now: u64, amount: Option<u128>, block: u64) -> Result<ClaimRecord, DistributionError> {
    let (lock, pending) = claims::begin_claim(&ctx(caller, now), amount.map(Nat::from))?;
    let out = claims::finish_claim(pending.seq, Ok(Nat::from(block)));
    drop(lock);
    out
}

fn claimable_of(caller: u8, now: u64) -> u128 {
    recipients::mine(&ctx(caller, now)).iter().map(|a| crate::services::to_u128(&a.claimable).unwrap()).sum()
}

fn n(v: u128) -> Nat {
    Nat::from(v)
}

fn claimed_total() -> u128 {
    repo::get().claimed
}

#[test]
fn init_refuses_invalid_arguments_and_writes_nothing() {
    let mut bad = args(standard());
    bad.title = String::new();
    let title = DistributionError::TitleLength { min: TITLE_MIN_CHARS as u32, max: TITLE_MAX_CHARS as u32 };
    assert_eq!(campaign::init(&ctx(CREATOR, 0), bad), Err(title));
    let mut bad = args(standard());
    bad.categories.clear();
    assert_eq!(campaign::init(&ctx(CREATOR, 0), bad), Err(DistributionError::CategoryCount { min: 1, max: 10 }));
    let mut bad = args(standard());
    bad.categories = vec![categories()[0].clone(); MAX_CATEGORIES + 1];
    assert_eq!(campaign::init(&ctx(CREATOR, 0), bad), Err(DistributionError::CategoryCount { min: 1, max: 10 }));
    let mut bad = args(standard());
    bad.categories[1].schedule.shape = VestingShape::Linear { duration_seconds: 0, frequency: Frequency::Daily };
    assert_eq!(
        campaign::init(&ctx(CREATOR, 0), bad),
        Err(DistributionError::InvalidSchedule { category: 1, error: VestingError::ZeroDuration })
    );
    let mut bad = args(standard());
    bad.recipients.push(entry(BOB, 0, 1));
    assert_eq!(campaign::init(&ctx(CREATOR, 0), bad), Err(DistributionError::DuplicateRecipient { row: 3 }));
    let mut bad = args(standard());
    bad.creator = Principal::anonymous();
    assert!(matches!(campaign::init(&ctx(CREATOR, 0), bad), Err(DistributionError::InvalidArgument(_))));
    assert!(!repo::exists(), "a refused init stores nothing");
}

#[test]
fn init_reports_the_owner_then_each_new_recipient_once() {
    setup(standard());
    let add = |user: u8, role| RoleChange { user: p(user), role, action: RelationshipAction::Add };
    assert_eq!(factory_reports::peek(), vec![add(CREATOR, Role::Owner), add(ALICE, Role::Recipient), add(BOB, Role::Recipient)]);
    recipients::add(&ctx(CREATOR, 0), vec![entry(ALICE, 0, 5).with_sub(7), entry(12, 1, 5)]).unwrap();
    assert_eq!(factory_reports::peek().last(), Some(&add(12, Role::Recipient)), "Alice is not reported twice");
    assert_eq!(factory_reports::pending(), 4);
    let c = campaign::info();
    assert_eq!(c.totals, CampaignTotals { allocated: n(3_000_510), claimed: n(0), recipients: 5 });
}

trait WithSub {
    fn with_sub(self, b: u8) -> Self;
}
impl WithSub for RecipientEntry {
    fn with_sub(mut self, b: u8) -> Self {
        self.subaccount = Some([b; 32]);
        self
    }
}

#[test]
fn a_batch_is_written_whole_or_not_at_all_and_errors_name_the_row() {
    setup(standard());
    let add = |entries| recipients::add(&ctx(CREATOR, 0), entries);
    assert_eq!(recipients::add(&ctx(ALICE, 0), vec![entry(12, 0, 1)]), Err(DistributionError::Unauthorized));
    // A duplicate of a stored row; the default subaccount and None are one account.
    let dup = RecipientEntry { subaccount: Some([0; 32]), ..entry(ALICE, 1, 9) };
    assert_eq!(add(vec![entry(12, 0, 1), entry(13, 0, 1), dup]), Err(DistributionError::DuplicateRecipient { row: 2 }));
    assert_eq!(add(vec![entry(12, 0, 1), entry(12, 0, 2)]), Err(DistributionError::DuplicateRecipient { row: 1 }));
    assert_eq!(add(vec![entry(12, 2, 1)]), Err(DistributionError::UnknownCategory { row: 0, category: 2 }));
    assert_eq!(add(vec![entry(12, 0, 1), entry(13, 0, 0)]), Err(DistributionError::ZeroAmount { row: 1 }));
    let anonymous = RecipientEntry { owner: Principal::anonymous(), ..entry(12, 0, 1) };
    assert_eq!(add(vec![anonymous]), Err(DistributionError::AnonymousRecipient { row: 0 }));
    let huge = RecipientEntry { amount: Nat::from(u128::MAX) + Nat::from(1u8), ..entry(12, 0, 1) };
    assert_eq!(add(vec![huge]), Err(DistributionError::AmountTooLarge { row: 0 }));
    assert_eq!(add(vec![entry(12, 0, u128::MAX / 2), entry(13, 0, u128::MAX / 2)]), Err(DistributionError::AmountTooLarge { row: 1 }));
    assert_eq!(repo::get().recipients, 3, "no refused batch wrote anything");
    assert_eq!(recipients::list(PageRequest::new(0, 100)).total, 3);
    // Another subaccount of the same owner is another row.
    assert!(add(vec![entry(ALICE, 1, 9).with_sub(1)]).is_ok());
    activate();
    assert_eq!(add(vec![entry(14, 0, 1)]), Err(DistributionError::WrongStatus { status: CampaignStatus::Active }));
}

#[test]
fn batches_rows_per_owner_and_recipients_are_bounded() {
    setup(vec![]);
    let add = |entries| recipients::add(&ctx(CREATOR, 0), entries);
    let row = |i: u32| RecipientEntry { owner: Principal::from_slice(&i.to_be_bytes()), subaccount: None, category: 0, amount: n(1) };
    assert_eq!(add((0..MAX_BATCH as u32 + 1).map(row).collect()), Err(DistributionError::BatchTooLarge { max: MAX_BATCH as u32 }));
    let per_owner: Vec<RecipientEntry> =
        (0..=MAX_ENTRIES_PER_OWNER as u32).map(|i| RecipientEntry { subaccount: Some([i as u8; 32]), ..entry(ALICE, 0, 1) }).collect();
    assert_eq!(add(per_owner), Err(DistributionError::TooManyEntriesForOwner { row: 100, max: 100 }));
    for batch in 0..(MAX_RECIPIENTS as u32 / MAX_BATCH as u32) {
        let start = batch * MAX_BATCH as u32;
        add((start..start + MAX_BATCH as u32).map(row).collect()).unwrap();
    }
    assert_eq!(repo::get().recipients, MAX_RECIPIENTS);
    assert_eq!(add(vec![entry(ALICE, 0, 1)]), Err(DistributionError::TooManyRecipients { max: MAX_RECIPIENTS }));
    // The index finds one owner among 100,000 rows, and the list pages by position.
    let owner = Principal::from_slice(&77_777u32.to_be_bytes());
    assert_eq!(crate::repositories::recipients::rows_of(owner), vec![77_777]);
    let page = recipients::list(PageRequest::new(99_998, 1_000));
    assert_eq!((page.total, page.items.len()), (MAX_RECIPIENTS, 2));
}

#[test]
fn activation_needs_every_allocation_plus_a_fee_per_row() {
    setup(standard());
    assert_eq!(campaign::begin_activate(&ctx(ALICE, 0)).err(), Some(DistributionError::Unauthorized));
    let (lock, _) = campaign::begin_activate(&ctx(CREATOR, 0)).unwrap();
    // Recipients cannot change while the balance is being read.
    assert_eq!(recipients::add(&ctx(CREATOR, 0), vec![entry(12, 0, 1)]), Err(DistributionError::OperationInProgress));
    assert_eq!(campaign::begin_activate(&ctx(CREATOR, 0)).err(), Some(DistributionError::OperationInProgress));
    let required = n(3_000_500 + 3 * FEE);
    assert_eq!(
        campaign::finish_activate(0, n(FEE), required.clone() - n(1)),
        Err(DistributionError::Underfunded { balance: required.clone() - n(1), required: required.clone() })
    );
    assert_eq!(campaign::info().status, CampaignStatus::Created);
    drop(lock);
    let (lock, _) = campaign::begin_activate(&ctx(CREATOR, 0)).unwrap();
    let info = campaign::finish_activate(5, n(FEE), required).unwrap();
    drop(lock);
    assert_eq!((info.status, info.activated_at, info.transfer_fee), (CampaignStatus::Active, Some(5), Some(n(FEE))));
    assert_eq!(campaign::begin_activate(&ctx(CREATOR, 0)).err(), Some(DistributionError::WrongStatus { status: CampaignStatus::Active }));
}

#[test]
fn no_campaign_without_recipients_can_be_activated() {
    setup(vec![]);
    assert_eq!(campaign::begin_activate(&ctx(CREATOR, 0)).err(), Some(DistributionError::NoRecipients));
}

#[test]
fn claims_pay_what_has_vested_across_categories_and_the_fee_reserve_covers_one_fee_per_row() {
    setup(standard());
    assert_eq!(claims::begin_claim(&ctx(ALICE, START), None).err(), Some(DistributionError::WrongStatus { status: CampaignStatus::Created }));
    activate();
    // Day 10: Team has vested 10/100, the airdrop all of it.
    let day10 = START + 10 * DAY + SECOND;
    assert_eq!(claimable_of(ALICE, day10), 100_000 + 500);
    let (lock, pending) = claims::begin_claim(&ctx(ALICE, day10), None).unwrap();
    assert_eq!(pending.ledger, p(LEDGER));
    assert_eq!(pending.arg.to, Account::of(p(ALICE)));
    assert_eq!(pending.arg.amount, n(100_500), "the recipient receives the whole amount; the reserve pays the fee");
    assert_eq!(pending.arg.fee, Some(n(FEE)));
    assert_eq!(pending.arg.created_at_time, Some(day10));
    assert_eq!(pending.arg.memo.as_ref().map(|m| m.to_vec()), Some(claims::claim_memo(p(ALICE), 0)));
    assert_eq!(pending.arg.memo.as_ref().unwrap().len(), 32);
    assert_eq!(claimable_of(ALICE, day10), 0, "recorded as claimed before the transfer");
    assert_eq!(claimed_total(), 100_500);
    let record = claims::finish_claim(pending.seq, Ok(n(7))).unwrap();
    drop(lock);
    assert_eq!((record.amount.clone(), record.received.clone(), record.state.clone()), (n(100_500), n(100_500), ClaimState::Paid { block: n(7) }));
    assert_eq!(claim_paid(ALICE, day10, None, 8), Err(DistributionError::NothingToClaim));

    // Day 20: Alice's second row still has its prepaid fee.
    let day20 = START + 20 * DAY;
    let second = claim_paid(ALICE, day20, None, 9).unwrap();
    assert_eq!((second.amount, second.received), (n(100_000), n(100_000)));
    // Day 30: both prepaid fees are used: the fee comes out of the amount.
    let third = claim_paid(ALICE, START + 30 * DAY, None, 10).unwrap();
    assert_eq!((third.amount, third.received), (n(100_000), n(100_000 - FEE)));
    let mine = recipients::mine(&ctx(ALICE, START + 30 * DAY));
    assert_eq!(mine.iter().map(|a| a.claimed.clone()).collect::<Vec<_>>(), vec![n(300_000), n(500)]);
    assert_eq!(mine[0].vested, n(300_000));
    assert_eq!(claims::list(PageRequest::new(0, 10)).total, 3);
    // Bob and Alice take the rest after the end: the campaign completes.
    let end = START + 100 * DAY;
    assert_eq!(claim_paid(BOB, end, None, 11).unwrap().received, n(2_000_000));
    assert_eq!(campaign::info().status, CampaignStatus::Active);
    assert_eq!(claim_paid(ALICE, end, None, 12).unwrap().amount, n(700_000));
    let info = campaign::info();
    assert_eq!((info.status, info.totals.claimed), (CampaignStatus::Completed, n(3_000_500)));
    assert_eq!(claim_paid(BOB, end, None, 13), Err(DistributionError::WrongStatus { status: CampaignStatus::Completed }));
}

#[test]
fn a_partial_claim_takes_up_to_the_amount_in_row_order() {
    setup(standard());
    activate();
    let day10 = START + 10 * DAY;
    assert_eq!(claim_paid(ALICE, day10, Some(0), 1), Err(DistributionError::InvalidAmount));
    let over = claims::begin_claim(&ctx(ALICE, day10), Some(Nat::from(u128::MAX) + n(1))).err();
    assert_eq!(over, Some(DistributionError::InvalidAmount));
    assert_eq!(claim_paid(ALICE, day10, Some(99_999), 1).unwrap().amount, n(99_999));
    let mine = recipients::mine(&ctx(ALICE, day10));
    assert_eq!((mine[0].claimed.clone(), mine[1].claimed.clone()), (n(99_999), n(0)), "Team (row 0) first");
    assert_eq!(claim_paid(ALICE, day10, Some(10), 2).unwrap().amount, n(10));
    let mine = recipients::mine(&ctx(ALICE, day10));
    assert_eq!((mine[0].claimed.clone(), mine[1].claimed.clone()), (n(100_000), n(9)));
    // More than is claimable takes what is claimable.
    assert_eq!(claim_paid(ALICE, day10, Some(1_000_000), 3).unwrap().amount, n(491));
    // Without a prepaid fee, an amount not above the fee is refused.
    assert_eq!(claim_paid(ALICE, START + 11 * DAY, Some(FEE), 4), Err(DistributionError::AmountBelowFee { fee: n(FEE) }));
    assert_eq!(claimable_of(ALICE, START + 11 * DAY), 10_000, "a refused claim took nothing");
}

#[test]
fn a_second_claim_waits_and_a_failed_transfer_restores_everything() {
    setup(standard());
    activate();
    let day50 = START + 50 * DAY;
    let (lock, pending) = claims::begin_claim(&ctx(ALICE, day50), None).unwrap();
    assert_eq!(claims::begin_claim(&ctx(ALICE, day50), None).err(), Some(DistributionError::ClaimInProgress));
    assert!(claims::begin_claim(&ctx(BOB, day50), None).is_ok(), "other recipients are not blocked");
    let refused = DistributionError::Transfer(TransferError::InsufficientFunds { balance: n(0) });
    assert_eq!(claims::finish_claim(pending.seq, Err(refused.clone())), Err(refused));
    drop(lock);
    assert_eq!(claimable_of(ALICE, day50), 500_500, "the claimable amount is back");
    let c = repo::get();
    assert_eq!((c.claimed, c.pending_claims), (1_000_000, 1), "Bob's claim is still pending");
    let history = claims::list(PageRequest::new(0, 10));
    assert!(matches!(&history.items[0].state, ClaimState::Failed { .. }));
    assert_eq!(history.items[1].state, ClaimState::Pending);
    // The retry is a new claim (new memo) and still has the prepaid fee.
    let (lock, retry) = claims::begin_claim(&ctx(ALICE, day50), None).unwrap();
    assert_eq!((retry.seq, retry.arg.amount.clone()), (2, n(500_500)));
    assert_ne!(retry.arg.memo.as_ref().unwrap().to_vec(), claims::claim_memo(p(ALICE), 0));
    // A `Duplicate` answer means the same transfer went through: paid.
    let record = claims::finish_claim(retry.seq, Err(DistributionError::Transfer(TransferError::Duplicate { duplicate_of: n(4) })));
    drop(lock);
    assert_eq!(record.unwrap().state, ClaimState::Paid { block: n(4) });
}

#[test]
fn outsiders_and_paused_campaigns_cannot_claim() {
    setup(standard());
    activate();
    assert_eq!(claim_paid(12, START + DAY, None, 1), Err(DistributionError::NotARecipient));
    let anonymous = CallContext::for_test(Principal::anonymous(), START + DAY);
    assert_eq!(claims::begin_claim(&anonymous, None).err(), Some(DistributionError::NotARecipient));
    assert_eq!(campaign::pause(&ctx(ALICE, 0)), Err(DistributionError::Unauthorized));
    assert_eq!(campaign::pause(&ctx(CREATOR, 0)).unwrap().status, CampaignStatus::Paused);
    assert_eq!(claim_paid(ALICE, START + DAY, None, 1), Err(DistributionError::WrongStatus { status: CampaignStatus::Paused }));
    assert_eq!(campaign::resume(&ctx(CREATOR, 0)).unwrap().status, CampaignStatus::Active);
    assert!(claim_paid(ALICE, START + DAY, None, 1).is_ok());
}

#[test]
fn pause_and_cancel_need_the_campaigns_permission() {
    let mut a = args(standard());
    a.allow_pause = false;
    a.allow_cancel = false;
    campaign::init(&ctx(CREATOR, 0), a).unwrap();
    activate();
    assert_eq!(campaign::pause(&ctx(CREATOR, 0)), Err(DistributionError::PauseNotAllowed));
    assert_eq!(campaign::begin_cancel(&ctx(CREATOR, 0)).err(), Some(DistributionError::CancelNotAllowed));
}

#[test]
fn cancel_keeps_vested_amounts_claimable_and_refunds_the_unvested_rest() {
    setup(standard());
    activate();
    let day25 = START + 25 * DAY;
    assert!(claim_paid(ALICE, START + 10 * DAY, None, 1).is_ok());
    assert_eq!(campaign::begin_cancel(&ctx(ALICE, day25)).err(), Some(DistributionError::Unauthorized));
    let (lock, transfer) = campaign::begin_cancel(&ctx(CREATOR, day25)).unwrap();
    let (ledger, arg) = transfer.unwrap();
    // Vested at day 25: Alice 250,000 + 500, Bob 500,000. Unvested: 750,000 + 1,500,000.
    let unvested = 2_250_000;
    assert_eq!(ledger, p(LEDGER));
    assert_eq!((arg.to.clone(), arg.amount.clone(), arg.fee.clone()), (Account::of(p(CREATOR)), n(unvested - FEE), Some(n(FEE))));
    assert_eq!(arg.created_at_time, Some(day25));
    assert_eq!(arg.memo.as_ref().map(|m| m.to_vec()), Some(campaign::refund_memo(p(CREATOR))));
    let info = campaign::info();
    assert_eq!((info.status, info.cancelled_at), (CampaignStatus::Cancelled, Some(day25)));
    assert_eq!(info.refund.as_ref().map(|r| (r.unvested.clone(), r.state.clone())), Some((n(unvested), RefundState::Pending)));
    // A failed refund is retried by calling cancel again, with the same transfer.
    let info = campaign::finish_cancel(Err(DistributionError::Ledger("stopped".into())));
    drop(lock);
    assert!(matches!(info.refund.unwrap().state, RefundState::Failed { .. }));
    let (lock, again) = campaign::begin_cancel(&ctx(CREATOR, day25 + 3_600 * SECOND)).unwrap();
    assert_eq!(again.unwrap().1, arg, "the same transfer, deduplicated by the ledger if it went through");
    assert_eq!(campaign::finish_cancel(Ok(n(9))).refund.unwrap().state, RefundState::Paid { block: n(9) });
    drop(lock);
    assert_eq!(campaign::begin_cancel(&ctx(CREATOR, day25)).err(), Some(DistributionError::WrongStatus { status: CampaignStatus::Cancelled }));

    // Long after: only what had vested at the cancel is claimable.
    let later = START + 90 * DAY;
    assert_eq!(claimable_of(ALICE, later), 150_000);
    assert_eq!(claimable_of(BOB, later), 500_000);
    assert_eq!(claim_paid(BOB, later, None, 2).unwrap().received, n(500_000));
    assert_eq!(claim_paid(BOB, later, None, 3), Err(DistributionError::NothingToClaim));
    let mine = recipients::mine(&ctx(ALICE, later));
    assert_eq!((mine[0].vested.clone(), mine[0].claimable.clone()), (n(250_000), n(150_000)));
}

#[test]
fn one_claim_pays_one_account() {
    let sub = |e: RecipientEntry, b: u8| RecipientEntry { subaccount: Some([b; 32]), ..e };
    setup(vec![sub(entry(ALICE, 1, 100), 2), sub(entry(ALICE, 1, 300), 1), entry(ALICE, 0, 1_000)]);
    activate();
    let first = claim_paid(ALICE, START + DAY, None, 1).unwrap();
    // The default subaccount (None = zeros) sorts first; it has 10 vested of the Team row.
    assert_eq!((first.subaccount, first.amount), (None, n(10)));
    let second = claim_paid(ALICE, START + DAY, None, 2).unwrap();
    assert_eq!((second.subaccount, second.amount), (Some([1; 32]), n(300)));
    let third = claim_paid(ALICE, START + DAY, None, 3).unwrap();
    assert_eq!((third.subaccount, third.amount), (Some([2; 32]), n(100)));
}

#[test]
fn cancel_before_activation_returns_the_whole_balance_and_nothing_is_claimable() {
    let mut no_cancel = args(standard());
    no_cancel.allow_cancel = false;
    campaign::init(&ctx(CREATOR, START - DAY), no_cancel).unwrap();
    assert_eq!(campaign::begin_abandon(&ctx(ALICE, START)).map(|_| ()), Err(DistributionError::Unauthorized));
    let (lock, ledger) = campaign::begin_abandon(&ctx(CREATOR, START + DAY)).expect("allowed before activation");
    assert_eq!(ledger, p(LEDGER));
    // Cancelled before the await: nothing can be added or activated meanwhile.
    assert_eq!(repo::get().status, CampaignStatus::Cancelled);
    assert!(recipients::add(&ctx(CREATOR, START), vec![entry(12, 0, 5)]).is_err());
    // A part of the funding arrived: all of it, minus the fee, goes back.
    let (to_ledger, arg) = campaign::abandon_refund(&ctx(CREATOR, START + DAY), Ok(n(FEE)), Ok(n(1_000))).expect("a transfer");
    assert_eq!((to_ledger, arg.to, arg.amount.clone()), (p(LEDGER), Account::of(p(CREATOR)), n(1_000 - FEE)));
    let info = campaign::finish_cancel(Ok(n(42)));
    drop(lock);
    assert_eq!(info.refund.map(|r| r.state), Some(RefundState::Paid { block: n(42) }));
    // Time went on past the schedule's start: still nothing to claim.
    assert_eq!(claimable_of(ALICE, START + 50 * DAY), 0);
    assert_eq!(
        claims::begin_claim(&ctx(ALICE, START + 50 * DAY), None).map(|_| ()),
        Err(DistributionError::WrongStatus { status: CampaignStatus::Cancelled })
    );
    assert!(campaign::begin_abandon(&ctx(CREATOR, START + 2 * DAY)).is_err(), "a paid refund is final");
}

#[test]
fn a_failed_balance_read_while_abandoning_is_retried_with_a_fresh_read() {
    setup(standard());
    let (lock, _) = campaign::begin_abandon(&ctx(CREATOR, START)).unwrap();
    let none = campaign::abandon_refund(&ctx(CREATOR, START), Ok(n(FEE)), Err(DistributionError::Ledger("stopped".into())));
    assert!(none.is_none());
    drop(lock);
    assert!(matches!(campaign::info().refund.map(|r| r.state), Some(RefundState::Failed { .. })));
    let (lock, _) = campaign::begin_abandon(&ctx(CREATOR, START + 1)).expect("a failed refund is retried");
    assert!(campaign::abandon_refund(&ctx(CREATOR, START + 1), Ok(n(FEE)), Ok(n(FEE))).is_none(), "only the fee left");
    drop(lock);
    assert_eq!(campaign::info().refund.map(|r| r.state), Some(RefundState::NothingToSend));
}
