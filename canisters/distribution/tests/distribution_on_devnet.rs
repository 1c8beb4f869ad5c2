//! The distribution contract on devnet with the real token ledger, and the kit's probe standing in for the
//! factory (it records the relationship reports it receives). Each test runs its own devnet.

use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::distribution::*;
use icto_shared::distribution::limits;
use icto_shared::pagination::{Page, PageRequest};
use icto_shared::role::Role;
use icto_shared::token::{Account, FeatureFlags, InitArgs};
use icto_shared::vesting::*;
use std::sync::Arc;
use std::time::Duration;
use distribution::services::claims::claim_memo;
use icto_shared::token::ICRC3Value;
use test_kit::ledger::{block_field, transfer_arg};
use test_kit::users::principal;
use test_kit::wasm::built as wasm;
use test_kit::{Canister, Devnet, Ledger};

const FEE: u64 = 10_000;
const DAY: u64 = DAY_SECONDS * NANOS_PER_SECOND;

fn p(n: u64) -> Principal {
    principal(8_800 + n)
}
fn creator() -> Principal {
    p(1)
}
fn alice() -> Principal {
    p(2)
}
fn bob() -> Principal {
    p(3)
}
/// Controls the probe and the campaign (in production the factory controls the campaign).
fn controller() -> Principal {
    p(4)
}

struct World {
    devnet: Arc<Devnet>,
    ledger: Ledger,
    probe: Canister,
    start: u64,
}

type Reply<T> = Result<T, DistributionError>;

impl World {
    fn new() -> World {
        let devnet = Arc::new(Devnet::new());
        let ledger = Ledger::install(
            &devnet,
            InitArgs {
                minting_account: Account::of(p(99)),
                fee_collector_account: None,
                transfer_fee: Nat::from(FEE),
                decimals: Some(8),
                max_memo_length: Some(32),
                token_symbol: "DIST".into(),
                token_name: "Distributed".into(),
                metadata: vec![],
                initial_balances: vec![(Account::of(creator()), Nat::from(1_000_000_000_000u64))],
                feature_flags: Some(FeatureFlags { icrc2: true }),
                max_transactions_in_window: None,
            },
        );
        let probe = Canister::install(&devnet, controller(), wasm("kit_probe"), candid::encode_args(()).unwrap());
        let start = devnet.time_nanos();
        World { devnet, ledger, probe, start }
    }

    /// Team: linear over 100 days, daily; Airdrop: everything at the start.
    fn init(&self, recipients: Vec<RecipientEntry>) -> DistributionInitArgs {
        let schedule = |shape| VestingSchedule { start_nanos: self.start, initial_unlock_bps: 0, shape };
        DistributionInitArgs {
            factory: self.probe.id,
            creator: creator(),
            token_ledger: self.ledger.id,
            title: "Seed round".into(),
            categories: vec![
                Category {
                    name: "Team".into(),
                    schedule: schedule(VestingShape::Linear { duration_seconds: 100 * DAY_SECONDS, frequency: Frequency::Daily }),
                },
                Category { name: "Airdrop".into(), schedule: schedule(VestingShape::Instant) },
            ],
            recipients,
            allow_pause: true,
            allow_cancel: true,
            registration: None,
        }
    }

    fn deploy(&self, init: DistributionInitArgs) -> Campaign {
        let c = Canister::install(&self.devnet, controller(), wasm("distribution"), candid::encode_one(init).unwrap());
        Campaign(c)
    }

    fn balance(&self, owner: Principal) -> u64 {
        let b = self.ledger.balance(&Account::of(owner));
        u64::try_from(b.0).unwrap()
    }

    fn fund(&self, to: Principal, amount: u64) {
        let r = self.ledger.transfer(creator(), transfer_arg(Account::of(to), amount));
        r.expect("funding transfer");
    }

    /// Moves the clock to `days` after the start.
    fn at_day(&self, days: u64) {
        self.devnet.set_time_nanos(self.start + days * DAY + 1);
        self.devnet.tick();
    }

    fn reported(&self) -> Vec<(Principal, RoleChange)> {
        self.probe.query("reported", ())
    }
}

struct Campaign(Canister);

impl Campaign {
    fn info(&self) -> CampaignInfo {
        self.0.query("get_campaign", ())
    }
    fn activate(&self) -> Reply<CampaignInfo> {
        self.0.update(creator(), "activate", ())
    }
    fn claim(&self, who: Principal, amount: Option<u64>) -> Reply<ClaimRecord> {
        self.0.update(who, "claim", (amount.map(Nat::from),))
    }
    fn mine(&self, who: Principal) -> Vec<Allocation> {
        self.0.query_as(who, "get_my_allocation", ())
    }
    fn claimable(&self, who: Principal) -> Nat {
        self.mine(who).into_iter().fold(Nat::from(0u8), |s, a| s + a.claimable)
    }
    fn recipients(&self) -> Page<RecipientInfo> {
        self.0.query("list_recipients", (PageRequest::new(0, 100),))
    }
    fn claims(&self) -> Page<ClaimRecord> {
        self.0.query("get_claims", (PageRequest::new(0, 100),))
    }
}

fn entry(owner: Principal, category: u32, amount: u64) -> RecipientEntry {
    RecipientEntry { owner, subaccount: None, category, amount: Nat::from(amount) }
}

const ALICE_TEAM: u64 = 1_000_000_000;
const BOB_TEAM: u64 = 2_000_000_000;
const BOB_AIRDROP: u64 = 500_000;
const ALLOCATED: u64 = ALICE_TEAM + BOB_TEAM + BOB_AIRDROP;
/// Three rows: three prepaid fees.
const REQUIRED: u64 = ALLOCATED + 3 * FEE;

fn standard(w: &World) -> Campaign {
    let c = w.deploy(w.init(vec![entry(alice(), 0, ALICE_TEAM), entry(bob(), 0, BOB_TEAM)]));
    let totals: Reply<CampaignTotals> = c.0.update(creator(), "add_recipients", (vec![entry(bob(), 1, BOB_AIRDROP)],));
    assert_eq!(totals.unwrap().recipients, 3);
    c
}

fn funded(w: &World) -> Campaign {
    let c = standard(w);
    w.fund(c.0.id, REQUIRED);
    assert_eq!(c.activate().unwrap().status, CampaignStatus::Active);
    c
}

#[test]
fn a_funded_campaign_pays_two_recipients_as_they_vest_and_completes() {
    let w = World::new();
    // An invalid init argument fails the install (nothing is stored).
    let id = w.devnet.create_canister(controller());
    let duplicate = w.init(vec![entry(alice(), 0, 1), entry(alice(), 0, 2)]);
    let refused = w.devnet.install_code(id, wasm("distribution"), candid::encode_one(duplicate).unwrap(), controller());
    assert!(refused.is_err_and(|e| format!("{e:?}").contains("DuplicateRecipient")));
    let c = standard(&w);

    // Only the creator manages it: others are refused at ingress.
    assert!(c.0.try_update::<_, Reply<CampaignInfo>>(alice(), "activate", ()).is_err());
    // Underfunded by one unit: refused with what is there and what is needed.
    w.fund(c.0.id, REQUIRED - 1);
    assert_eq!(
        c.activate(),
        Err(DistributionError::Underfunded { balance: Nat::from(REQUIRED - 1), required: Nat::from(REQUIRED) })
    );
    assert_eq!(c.claim(alice(), None), Err(DistributionError::WrongStatus { status: CampaignStatus::Created }));
    w.fund(c.0.id, 1);
    let info = c.activate().unwrap();
    assert_eq!((info.status, info.transfer_fee), (CampaignStatus::Active, Some(Nat::from(FEE))));

    // Day 10: a tenth of the Team allocations has vested.
    w.at_day(10);
    let first = c.claim(alice(), None).unwrap();
    assert_eq!((first.amount.clone(), first.received.clone()), (Nat::from(ALICE_TEAM / 10), Nat::from(ALICE_TEAM / 10)));
    assert!(matches!(first.state, ClaimState::Paid { .. }));
    assert_eq!(w.balance(alice()), ALICE_TEAM / 10, "the recipient receives the whole amount");
    assert_eq!(w.balance(c.0.id), REQUIRED - ALICE_TEAM / 10 - FEE, "the contract paid the fee from its reserve");
    // The transfer carries the claim's memo (recipient, sequence number) and its creation time.
    let blocks = w.ledger.all_blocks();
    let tx = block_field(&blocks.last().unwrap().block, "tx").expect("a transaction");
    assert_eq!(block_field(tx, "memo"), Some(&ICRC3Value::Blob(claim_memo(alice(), first.seq))));
    assert_eq!(block_field(tx, "ts"), Some(&ICRC3Value::Nat(Nat::from(first.at))));

    // After the end, both take the rest; Alice's prepaid fee is used, so hers comes out of her amount.
    w.at_day(100);
    let bob_claim = c.claim(bob(), None).unwrap();
    assert_eq!(bob_claim.received, Nat::from(BOB_TEAM + BOB_AIRDROP));
    assert_eq!(c.info().status, CampaignStatus::Active);
    let alice_rest = c.claim(alice(), None).unwrap();
    assert_eq!(alice_rest.amount, Nat::from(ALICE_TEAM - ALICE_TEAM / 10));
    assert_eq!(w.balance(alice()), ALICE_TEAM - FEE);
    assert_eq!(w.balance(bob()), BOB_TEAM + BOB_AIRDROP);
    assert_eq!(w.balance(c.0.id), FEE, "Bob's second prepaid fee is all that is left");
    let info = c.info();
    assert_eq!(info.status, CampaignStatus::Completed);
    assert_eq!(info.totals, CampaignTotals { allocated: Nat::from(ALLOCATED), claimed: Nat::from(ALLOCATED), recipients: 3 });
    assert_eq!(c.claim(bob(), None), Err(DistributionError::WrongStatus { status: CampaignStatus::Completed }));
    let history = c.claims();
    assert_eq!(history.total, 3);
    assert!(history.items.iter().all(|h| matches!(h.state, ClaimState::Paid { .. })));

    // The factory (the probe) received the owner and each recipient once, from the campaign.
    let add = |user, role| (c.0.id, RoleChange { user, role, action: RelationshipAction::Add });
    assert_eq!(w.reported(), vec![add(creator(), Role::Owner), add(alice(), Role::Recipient), add(bob(), Role::Recipient)]);
    assert_eq!(info.pending_reports, 0);
}

#[test]
fn reports_wait_in_the_outbox_while_the_factory_refuses_them() {
    let w = World::new();
    let r: Result<(), icto_shared::kit::KitError> = w.probe.update(controller(), "set_refuse_reports", (true,));
    r.unwrap();
    let c = standard(&w);
    w.devnet.tick();
    assert!(w.reported().is_empty());
    assert_eq!(c.info().pending_reports, 3, "kept while refused");
    let r: Result<(), icto_shared::kit::KitError> = w.probe.update(controller(), "set_refuse_reports", (false,));
    r.unwrap();
    for _ in 0..4 {
        w.devnet.advance_time(Duration::from_secs(30));
        w.devnet.tick();
    }
    let users: Vec<(Principal, Role)> = w.reported().into_iter().map(|(_, ch)| (ch.user, ch.role)).collect();
    assert_eq!(users, vec![(creator(), Role::Owner), (alice(), Role::Recipient), (bob(), Role::Recipient)]);
    assert_eq!(c.info().pending_reports, 0);
}

#[test]
fn concurrent_claims_by_one_recipient_pay_once() {
    let w = World::new();
    let c = funded(&w);
    w.at_day(50);
    let arg = candid::encode_one(None::<Nat>).unwrap();
    let first = w.devnet.submit_call(c.0.id, alice(), "claim", arg.clone()).unwrap();
    let second = w.devnet.submit_call(c.0.id, alice(), "claim", arg).unwrap();
    let decode = |bytes: Vec<u8>| candid::decode_one::<Reply<ClaimRecord>>(&bytes).unwrap();
    let results = [decode(w.devnet.await_call(first).unwrap()), decode(w.devnet.await_call(second).unwrap())];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert!(results.contains(&Err(DistributionError::ClaimInProgress)), "{results:?}");
    assert_eq!(w.balance(alice()), ALICE_TEAM / 2);
    assert_eq!(c.claimable(alice()), Nat::from(0u8));
}

#[test]
fn a_failed_transfer_restores_the_claimable_amount() {
    let w = World::new();
    let c = funded(&w);
    w.at_day(30);
    let before = c.claimable(alice());
    assert_eq!(before, Nat::from(ALICE_TEAM * 3 / 10));
    w.devnet.stop_canister(w.ledger.id, test_kit::ledger::controller()).unwrap();
    assert!(matches!(c.claim(alice(), None), Err(DistributionError::Ledger(_))));
    assert_eq!(c.claimable(alice()), before, "nothing was taken");
    assert_eq!(c.info().totals.claimed, Nat::from(0u8));
    assert!(matches!(c.claims().items[0].state, ClaimState::Failed { .. }));
    w.devnet.start_canister(w.ledger.id, test_kit::ledger::controller()).unwrap();
    let paid = c.claim(alice(), None).unwrap();
    assert_eq!(paid.received, before);
    assert_eq!(w.balance(alice()), ALICE_TEAM * 3 / 10, "paid once, in full (the prepaid fee was restored too)");
}

#[test]
fn cancel_midway_refunds_the_unvested_part_and_keeps_vested_amounts_claimable() {
    let w = World::new();
    let c = funded(&w);
    w.at_day(25);
    let creator_before = w.balance(creator());
    let info: Reply<CampaignInfo> = c.0.update(creator(), "cancel", ());
    let info = info.unwrap();
    let vested = (ALICE_TEAM + BOB_TEAM) / 4 + BOB_AIRDROP;
    let unvested = ALLOCATED - vested;
    assert_eq!(info.status, CampaignStatus::Cancelled);
    let refund = info.refund.unwrap();
    assert_eq!((refund.unvested, refund.amount.clone()), (Nat::from(unvested), Nat::from(unvested - FEE)));
    assert!(matches!(refund.state, RefundState::Paid { .. }), "{:?}", refund.state);
    assert_eq!(w.balance(creator()), creator_before + unvested - FEE);

    // Much later: what had vested at the cancel, not more.
    w.at_day(80);
    assert_eq!(c.claim(alice(), None).unwrap().received, Nat::from(ALICE_TEAM / 4));
    assert_eq!(c.claim(bob(), None).unwrap().received, Nat::from(BOB_TEAM / 4 + BOB_AIRDROP));
    assert_eq!(c.claim(bob(), None), Err(DistributionError::NothingToClaim));
    // Everything owed was paid; each row's prepaid fee covered its one claim, one fee is left.
    assert_eq!(w.balance(c.0.id), FEE);
}

#[test]
fn an_upgrade_keeps_a_populated_campaign() {
    let w = World::new();
    let c = funded(&w);
    w.at_day(40);
    c.claim(bob(), Some(1_000)).unwrap();
    let r: Reply<CampaignInfo> = c.0.update(creator(), "pause", ());
    assert_eq!(r.unwrap().status, CampaignStatus::Paused);
    let (info, recipients, claims, mine) = (c.info(), c.recipients(), c.claims(), c.mine(bob()));
    c.0.upgrade(controller(), wasm("distribution"), candid::encode_args(()).unwrap()).unwrap();
    assert_eq!(c.info(), info);
    assert_eq!(c.recipients(), recipients);
    assert_eq!(c.claims(), claims);
    assert_eq!(c.mine(bob()), mine);
    assert_eq!(recipients.total, 3);
    // It still works: resume and claim the rest of what has vested.
    let r: Reply<CampaignInfo> = c.0.update(creator(), "resume", ());
    r.unwrap();
    let rest = c.claim(bob(), None).unwrap();
    assert_eq!(rest.amount, Nat::from(BOB_TEAM * 4 / 10 + BOB_AIRDROP - 1_000));
}

/// About two minutes on devnet: `cargo test -p distribution --test distribution_on_devnet -- --ignored`.
#[test]
#[ignore = "scale test, about two minutes"]
fn a_full_campaign_of_100_000_recipients_fits_the_message_limits() {
    let w = World::new();
    let c = w.deploy(w.init(vec![]));
    let row = |i: u64| entry(principal(1_000_000 + i), 0, 1_000);
    let mut add_instructions = 0;
    for batch in 0..(limits::MAX_RECIPIENTS / limits::MAX_BATCH as u64) {
        let start = batch * limits::MAX_BATCH as u64;
        let rows: Vec<RecipientEntry> = (start..start + limits::MAX_BATCH as u64).map(row).collect();
        let r: Reply<CampaignTotals> = c.0.update(creator(), "add_recipients", (rows,));
        r.unwrap();
        add_instructions = add_instructions.max(w.devnet.last_instructions());
    }
    assert_eq!(c.info().totals.recipients, limits::MAX_RECIPIENTS);
    w.fund(c.0.id, 100_000 * (1_000 + FEE));
    c.activate().unwrap();
    w.at_day(30);
    let r: Reply<CampaignInfo> = c.0.update(creator(), "cancel", ());
    let cancel_instructions = w.devnet.last_instructions();
    let refund = r.unwrap().refund.unwrap();
    assert_eq!(refund.unvested, Nat::from(100_000u64 * 700));
    assert!(matches!(refund.state, RefundState::Paid { .. }));
    println!("add_recipients of {} rows: {add_instructions} instructions; cancel over 100,000 rows: {cancel_instructions}", limits::MAX_BATCH);
    // An update message may run 40 billion instructions; keep well under it.
    assert!(add_instructions < 20_000_000_000 && cancel_instructions < 20_000_000_000);
}

#[test]
fn a_whitelisted_self_registration_fills_the_campaign_which_then_activates_and_pays() {
    let w = World::new();
    let mut init = w.init(vec![]);
    let closes_at = w.start + DAY / 24;
    init.registration = Some(Registration {
        opens_at: w.start,
        closes_at,
        max_registrants: 10,
        category: 1,
        amount: Nat::from(BOB_AIRDROP),
        whitelist_only: true,
        whitelist: vec![alice()],
    });
    let c = w.deploy(init);
    let register = |who: Principal| -> Reply<RecipientInfo> { c.0.update(who, "register", ()) };
    assert_eq!(register(bob()), Err(DistributionError::NotWhitelisted));
    let listed: Reply<u64> = c.0.update(creator(), "add_to_whitelist", (vec![bob()],));
    assert_eq!(listed, Ok(2));
    assert_eq!(register(alice()).map(|r| r.amount), Ok(Nat::from(BOB_AIRDROP)));
    register(bob()).expect("bob is listed now");
    assert_eq!(register(bob()), Err(DistributionError::AlreadyRegistered));
    // The anonymous principal is refused at ingress, before the method runs.
    assert!(c.0.try_update::<_, Reply<RecipientInfo>>(Principal::anonymous(), "register", ()).is_err());

    w.fund(c.0.id, 2 * (BOB_AIRDROP + FEE));
    assert_eq!(c.activate().map(|i| i.status), Err(DistributionError::RegistrationOpen { closes_at }));
    w.at_day(1);
    assert_eq!(register(principal(77)), Err(DistributionError::RegistrationClosed { opens_at: w.start, closes_at }));
    assert_eq!(c.activate().map(|i| i.status), Ok(CampaignStatus::Active));
    assert_eq!(c.claim(alice(), None).map(|r| r.received), Ok(Nat::from(BOB_AIRDROP)));
    let info = c.info().registration.expect("registration");
    assert_eq!((info.registered, info.whitelisted), (2, 2));
    // Both registrants were reported to the factory as recipients.
    w.devnet.advance_time(Duration::from_secs(5));
    w.devnet.tick();
    let reported: Vec<Principal> = w.reported().into_iter().filter(|(_, r)| r.role == Role::Recipient).map(|(_, r)| r.user).collect();
    assert_eq!(reported, vec![alice(), bob()]);
}

#[test]
fn cancel_before_activation_sends_the_funding_back_and_nothing_becomes_claimable() {
    let w = World::new();
    let c = standard(&w);
    w.fund(c.0.id, ALLOCATED);
    let before = w.balance(creator());
    let info: Reply<CampaignInfo> = c.0.update(creator(), "cancel", ());
    let info = info.unwrap();
    assert_eq!(info.status, CampaignStatus::Cancelled);
    assert!(matches!(info.refund.map(|r| r.state), Some(RefundState::Paid { .. })));
    assert_eq!(w.balance(creator()), before + ALLOCATED - FEE);
    assert_eq!(w.balance(c.0.id), 0);
    w.at_day(50);
    assert_eq!(c.claimable(alice()), Nat::from(0u8));
    assert_eq!(c.claim(alice(), None).map(|r| r.amount), Err(DistributionError::WrongStatus { status: CampaignStatus::Cancelled }));
    assert_eq!(c.activate().map(|i| i.status), Err(DistributionError::WrongStatus { status: CampaignStatus::Cancelled }));
}
