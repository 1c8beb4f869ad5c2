//! The multisig wallet on devnet with the real token ledger, and the kit's probe standing in for the
//! factory (it records the relationship reports it receives). Each test runs its own devnet. Run after
//! `scripts/build-canisters multisig token kit_probe`.

use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::multisig::*;
use icto_shared::pagination::PageRequest;
use icto_shared::role::Role;
use icto_shared::token::{Account, FeatureFlags, ICRC3Value, InitArgs};
use multisig::services::execution::memo;
use std::sync::Arc;
use std::time::Duration;
use test_kit::ledger::{block_field, transfer_arg};
use test_kit::users::principal;
use test_kit::wasm::built as wasm;
use test_kit::{Canister, Devnet, Ledger};

const FEE: u64 = 10_000;
const FUNDS: u64 = 10_000_000;
const MINUTE: u64 = 60 * 1_000_000_000;
const DAY: u64 = 24 * 60 * MINUTE;

fn p(n: u64) -> Principal {
    principal(9_100 + n)
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
fn carol() -> Principal {
    p(4)
}
fn olivia() -> Principal {
    p(5)
}
fn stranger() -> Principal {
    p(6)
}
/// Receives the wallet's transfers.
fn payee() -> Principal {
    p(7)
}
/// Controls the probe and the wallet (in production the factory controls the wallet).
fn controller() -> Principal {
    p(8)
}

type Reply<T> = Result<T, MultisigError>;

struct World {
    devnet: Arc<Devnet>,
    ledger: Ledger,
    probe: Canister,
}

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
                token_symbol: "TEAM".into(),
                token_name: "Team Token".into(),
                metadata: vec![],
                initial_balances: vec![(Account::of(creator()), Nat::from(1_000_000_000_000u64))],
                feature_flags: Some(FeatureFlags { icrc2: true }),
                max_transactions_in_window: None,
            },
        );
        let probe = Canister::install(&devnet, controller(), wasm("kit_probe"), candid::encode_args(()).unwrap());
        World { devnet, ledger, probe }
    }

    /// Alice, Bob and Carol sign (2 of 3), Olivia observes; the wallet shows the ledger.
    fn config(&self, limit: Option<u64>) -> WalletConfig {
        let member = |principal, name: &str| MemberInit { principal, name: name.into() };
        WalletConfig {
            name: "Treasury".into(),
            description: Some("The team's funds".into()),
            signers: vec![member(alice(), "Alice"), member(bob(), "Bob"), member(carol(), "Carol")],
            observers: vec![member(olivia(), "Olivia")],
            threshold: 2,
            tokens: vec![self.ledger.id],
            spending_limits: limit.map(|max| SpendingLimit { ledger: self.ledger.id, daily_max: Nat::from(max) }).into_iter().collect(),
        }
    }

    fn deploy(&self, config: WalletConfig) -> Wallet {
        let init = MultisigInitArgs { factory: self.probe.id, creator: creator(), config };
        let wallet = Wallet(Canister::install(&self.devnet, controller(), wasm("multisig"), candid::encode_one(init).unwrap()));
        self.fund(wallet.0.id, FUNDS);
        wallet
    }

    fn balance(&self, owner: Principal) -> u64 {
        u64::try_from(self.ledger.balance(&Account::of(owner)).0).unwrap()
    }

    fn fund(&self, to: Principal, amount: u64) {
        self.ledger.transfer(creator(), transfer_arg(Account::of(to), amount)).expect("funding transfer");
    }

    fn reported(&self) -> Vec<(Principal, RoleChange)> {
        self.probe.query("reported", ())
    }

    /// Lets the wallet's report timer deliver.
    fn deliver_reports(&self) {
        for _ in 0..3 {
            self.devnet.advance_time(Duration::from_secs(2));
            self.devnet.tick();
        }
    }
}

struct Wallet(Canister);

impl Wallet {
    fn info(&self, who: Principal) -> Reply<WalletInfo> {
        self.0.query_as(who, "get_wallet", ())
    }
    fn propose_as(&self, who: Principal, action: ProposalAction, key: &str) -> Reply<ProposalInfo> {
        let args = ProposeArgs {
            title: format!("proposal {key}"),
            description: None,
            action,
            expires_in: None,
            not_before: None,
            dedup_key: key.into(),
        };
        self.propose_args(who, args)
    }
    fn propose_args(&self, who: Principal, args: ProposeArgs) -> Reply<ProposalInfo> {
        self.0.update(who, "propose", (args,))
    }
    fn approve(&self, who: Principal, id: u64) -> Reply<ProposalInfo> {
        self.0.update(who, "approve", (id, None::<String>))
    }
    fn execute(&self, who: Principal, id: u64) -> Reply<ProposalInfo> {
        self.0.update(who, "execute", (id,))
    }
    fn proposal(&self, id: u64) -> ProposalInfo {
        let r: Reply<ProposalInfo> = self.0.query_as(alice(), "get_proposal", (id,));
        r.unwrap()
    }
    fn proposals(&self, filter: ProposalFilter) -> ProposalPage {
        let r: Reply<ProposalPage> = self.0.query_as(alice(), "list_proposals", (filter, PageRequest::new(0, 100)));
        r.unwrap()
    }
    fn history(&self) -> HistoryPage {
        let r: Reply<HistoryPage> = self.0.query_as(alice(), "get_history", (PageRequest::new(0, 100),));
        r.unwrap()
    }
    fn address_book(&self) -> Vec<AddressBookEntry> {
        let r: Reply<Vec<AddressBookEntry>> = self.0.query_as(bob(), "get_address_book", ());
        r.unwrap()
    }
}

fn transfer(w: &World, amount: u64) -> ProposalAction {
    ProposalAction::Transfer(TransferAction { ledger: w.ledger.id, to: Account::of(payee()), amount: Nat::from(amount), memo: None })
}

#[test]
fn a_transfer_executes_on_the_second_approval_and_pays_once() {
    let w = World::new();
    // An invalid init argument fails the install (nothing is stored).
    let id = w.devnet.create_canister(controller());
    let mut bad = w.config(None);
    bad.threshold = 4;
    let init = MultisigInitArgs { factory: w.probe.id, creator: creator(), config: bad };
    let refused = w.devnet.install_code(id, wasm("multisig"), candid::encode_one(init).unwrap(), controller());
    assert!(refused.is_err_and(|e| format!("{e:?}").contains("threshold")));

    let wallet = w.deploy(w.config(None));
    let info = wallet.info(olivia()).unwrap();
    assert_eq!((info.name.as_str(), info.threshold, info.members.len(), info.creator), ("Treasury", 2, 4, creator()));
    // The factory learns every member: the creator as owner, the signers, the observer.
    w.deliver_reports();
    let add = |user, role| (wallet.0.id, RoleChange { user, role, action: RelationshipAction::Add });
    assert_eq!(
        w.reported(),
        vec![add(creator(), Role::Owner), add(alice(), Role::Signer), add(bob(), Role::Signer), add(carol(), Role::Signer), add(olivia(), Role::Observer)]
    );
    assert_eq!(wallet.info(alice()).unwrap().pending_reports, 0);

    let proposed = wallet.propose_as(alice(), transfer(&w, 1_000_000), "pay-1").unwrap();
    assert_eq!((proposed.status, proposed.approvals, proposed.threshold), (ProposalStatus::Pending, 1, 2));
    assert_eq!(w.balance(payee()), 0);
    let executed = wallet.approve(bob(), proposed.id).unwrap();
    assert_eq!(executed.status, ProposalStatus::Executed, "{executed:?}");
    assert!(matches!(executed.outcome, Some(ExecutionOutcome::Transferred { .. })));
    assert_eq!(w.balance(payee()), 1_000_000);
    assert_eq!(w.balance(wallet.0.id), FUNDS - 1_000_000 - FEE);
    // The ledger block carries the proposal's memo and the execution's start time.
    let blocks = w.ledger.all_blocks();
    let tx = block_field(&blocks.last().unwrap().block, "tx").expect("a transaction");
    assert_eq!(block_field(tx, "memo"), Some(&ICRC3Value::Blob(memo(proposed.id, 0).into_vec())));
    // Never again: a late approval, an execute, the same proposal submitted again.
    assert_eq!(wallet.approve(carol(), proposed.id), Err(MultisigError::WrongStatus { status: ProposalStatus::Executed }));
    assert_eq!(wallet.execute(carol(), proposed.id), Err(MultisigError::WrongStatus { status: ProposalStatus::Executed }));
    assert_eq!(wallet.propose_as(alice(), transfer(&w, 1_000_000), "pay-1").unwrap().id, proposed.id);
    assert_eq!(wallet.propose_as(alice(), transfer(&w, 7), "pay-1"), Err(MultisigError::DedupKeyReused { id: proposed.id }));
    assert_eq!(w.balance(payee()), 1_000_000);
    let events: Vec<HistoryEvent> = wallet.history().items.into_iter().map(|h| h.event).collect();
    assert_eq!(events[..3], [HistoryEvent::Executed { id: 0 }, HistoryEvent::Voted { id: 0, vote: Vote::Approve }, HistoryEvent::Proposed { id: 0 }]);
    // Strangers read nothing.
    assert_eq!(wallet.info(stranger()), Err(MultisigError::Unauthorized));
}

#[test]
fn concurrent_approvals_execute_once() {
    let w = World::new();
    let wallet = w.deploy(w.config(None));
    let id = wallet.propose_as(alice(), transfer(&w, 2_000_000), "pay").unwrap().id;
    let arg = candid::encode_args((id, None::<String>)).unwrap();
    let first = w.devnet.submit_call(wallet.0.id, bob(), "approve", arg.clone()).unwrap();
    let second = w.devnet.submit_call(wallet.0.id, carol(), "approve", arg).unwrap();
    let decode = |bytes: Vec<u8>| candid::decode_one::<Reply<ProposalInfo>>(&bytes).unwrap();
    let results = [decode(w.devnet.await_call(first).unwrap()), decode(w.devnet.await_call(second).unwrap())];
    let executed = results.iter().filter(|r| r.as_ref().is_ok_and(|p| p.status == ProposalStatus::Executed)).count();
    assert_eq!(executed, 1, "{results:?}");
    assert!(
        results.iter().any(|r| matches!(r, Err(MultisigError::ExecutionInProgress | MultisigError::WrongStatus { .. }))),
        "{results:?}"
    );
    assert_eq!(w.balance(payee()), 2_000_000);
    assert_eq!(w.balance(wallet.0.id), FUNDS - 2_000_000 - FEE);
    assert_eq!(wallet.proposal(id).status, ProposalStatus::Executed);
}

#[test]
fn an_expired_proposal_never_executes() {
    let w = World::new();
    let wallet = w.deploy(w.config(None));
    let args = ProposeArgs {
        title: "Pay soon".into(),
        description: None,
        action: transfer(&w, 1_000),
        expires_in: Some(2 * MINUTE),
        not_before: None,
        dedup_key: "soon".into(),
    };
    let id = wallet.propose_args(alice(), args).unwrap().id;
    assert_eq!(wallet.info(alice()).unwrap().open_proposals, 1);
    w.devnet.advance_time(Duration::from_secs(180));
    w.devnet.tick();
    // Read lazily as expired, counted out of the open proposals.
    assert_eq!(wallet.proposal(id).status, ProposalStatus::Expired);
    assert_eq!(wallet.info(alice()).unwrap().open_proposals, 0);
    assert_eq!(wallet.approve(bob(), id), Err(MultisigError::WrongStatus { status: ProposalStatus::Expired }));
    assert_eq!(wallet.execute(bob(), id), Err(MultisigError::WrongStatus { status: ProposalStatus::Expired }));
    assert_eq!(w.balance(payee()), 0);
    assert_eq!(wallet.proposals(ProposalFilter::Closed).items[0].id, id);
}

#[test]
fn removing_a_signer_removes_its_approval_and_is_reported() {
    let w = World::new();
    let wallet = w.deploy(w.config(None));
    w.deliver_reports();
    // Carol proposes a transfer (her approval: 1 of 2).
    let pay = wallet.propose_as(carol(), transfer(&w, 5_000), "carol-pay").unwrap().id;
    // Alice and Bob remove Carol.
    let removal = wallet.propose_as(alice(), ProposalAction::RemoveSigner(carol()), "remove-carol").unwrap().id;
    let removed = wallet.approve(bob(), removal).unwrap();
    assert_eq!((removed.status, removed.outcome), (ProposalStatus::Executed, Some(ExecutionOutcome::Applied)));
    let pending = wallet.proposal(pay);
    assert_eq!((pending.status, pending.approvals, pending.votes.len()), (ProposalStatus::Pending, 0, 1), "Carol's vote is kept but weighs nothing");
    // Alice alone is not enough; with Bob the transfer executes.
    assert_eq!(wallet.approve(alice(), pay).unwrap().status, ProposalStatus::Pending);
    assert_eq!(wallet.approve(bob(), pay).unwrap().status, ProposalStatus::Executed);
    assert_eq!(w.balance(payee()), 5_000);
    // Carol no longer signs, and the factory was told.
    let refused: Result<Reply<ProposalInfo>, _> = wallet.0.try_update(carol(), "approve", (pay, None::<String>));
    assert!(refused.is_err(), "refused at ingress");
    w.deliver_reports();
    let last = w.reported().pop().unwrap();
    assert_eq!(last, (wallet.0.id, RoleChange { user: carol(), role: Role::Signer, action: RelationshipAction::Remove }));
    // Two signers, threshold 2: the next removal is refused.
    assert_eq!(
        wallet.propose_as(alice(), ProposalAction::RemoveSigner(bob()), "remove-bob"),
        Err(MultisigError::InvalidThreshold { threshold: 2, signers: 1 })
    );
}

#[test]
fn a_threshold_above_the_signer_count_is_refused() {
    let w = World::new();
    let wallet = w.deploy(w.config(None));
    assert_eq!(
        wallet.propose_as(alice(), ProposalAction::ChangeThreshold(4), "t4"),
        Err(MultisigError::InvalidThreshold { threshold: 4, signers: 3 })
    );
    let id = wallet.propose_as(alice(), ProposalAction::ChangeThreshold(3), "t3").unwrap().id;
    assert_eq!(wallet.approve(bob(), id).unwrap().status, ProposalStatus::Executed);
    assert_eq!(wallet.info(alice()).unwrap().threshold, 3);
}

#[test]
fn an_observer_can_read_but_neither_propose_nor_approve() {
    let w = World::new();
    let wallet = w.deploy(w.config(None));
    let id = wallet.propose_as(alice(), transfer(&w, 1_000), "pay").unwrap().id;
    let approve: Result<Reply<ProposalInfo>, _> = wallet.0.try_update(olivia(), "approve", (id, None::<String>));
    assert!(approve.is_err(), "refused at ingress");
    let args = ProposeArgs { title: "x".into(), description: None, action: transfer(&w, 1), expires_in: None, not_before: None, dedup_key: "o".into() };
    let propose: Result<Reply<ProposalInfo>, _> = wallet.0.try_update(olivia(), "propose", (args,));
    assert!(propose.is_err(), "refused at ingress");
    let seen: Reply<ProposalInfo> = wallet.0.query_as(olivia(), "get_proposal", (id,));
    assert_eq!(seen.unwrap().approvals, 1);
    assert_eq!(wallet.proposal(id).status, ProposalStatus::Pending);
}

#[test]
fn a_batch_with_a_row_over_the_balance_reports_each_row() {
    let w = World::new();
    let wallet = w.deploy(w.config(None));
    let row = |n: u64, amount: u64| TransferRow { to: Account::of(p(20 + n)), amount: Nat::from(amount) };
    // Funds: 10,000,000. Two rows of 4,000,000 (+ fees) leave less than the third asks.
    let rows = vec![row(0, 4_000_000), row(1, 4_000_000), row(2, 4_000_000)];
    let batch = ProposalAction::BatchTransfer(BatchTransferAction { ledger: w.ledger.id, rows });
    let id = wallet.propose_as(alice(), batch, "batch").unwrap().id;
    let done = wallet.approve(bob(), id).unwrap();
    assert_eq!(done.status, ProposalStatus::Executed);
    let Some(ExecutionOutcome::BatchTransferred { rows, paid, failed }) = done.outcome else { panic!("{:?}", done.outcome) };
    assert_eq!((paid, failed), (2, 1));
    assert!(matches!(rows[0], RowResult::Paid { .. }) && matches!(rows[1], RowResult::Paid { .. }));
    assert!(matches!(&rows[2], RowResult::Failed { error } if error.contains("InsufficientFunds")), "{rows:?}");
    assert_eq!((w.balance(p(20)), w.balance(p(21)), w.balance(p(22))), (4_000_000, 4_000_000, 0));
    assert_eq!(w.balance(wallet.0.id), FUNDS - 8_000_000 - 2 * FEE);
}

#[test]
fn a_call_proposal_executes_and_records_the_reply() {
    let w = World::new();
    let wallet = w.deploy(w.config(None));
    let call = CallAction { canister: w.ledger.id, method: "icrc1_name".into(), arg: candid::encode_args(()).unwrap() };
    let id = wallet.propose_as(alice(), ProposalAction::Call(call), "name").unwrap().id;
    let done = wallet.approve(carol(), id).unwrap();
    assert_eq!(done.status, ProposalStatus::Executed);
    let Some(ExecutionOutcome::Called { reply, reply_len }) = done.outcome else { panic!("{:?}", done.outcome) };
    assert_eq!(reply_len, reply.len() as u64);
    assert_eq!(candid::decode_one::<String>(&reply).unwrap(), "Team Token");
    // A call the callee rejects is recorded as failed.
    let bad = CallAction { canister: w.ledger.id, method: "no_such_method".into(), arg: candid::encode_args(()).unwrap() };
    let id = wallet.propose_as(alice(), ProposalAction::Call(bad), "bad").unwrap().id;
    let failed = wallet.approve(carol(), id).unwrap();
    assert_eq!(failed.status, ProposalStatus::Failed);
    assert!(matches!(failed.outcome, Some(ExecutionOutcome::Error { .. })));
}

#[test]
fn the_daily_limit_refuses_and_leaves_the_proposal_approved() {
    let w = World::new();
    let wallet = w.deploy(w.config(Some(1_000_000)));
    let first = wallet.propose_as(alice(), transfer(&w, 600_000), "first").unwrap().id;
    assert_eq!(wallet.approve(bob(), first).unwrap().status, ProposalStatus::Executed);
    let second = wallet.propose_as(alice(), transfer(&w, 600_000), "second").unwrap().id;
    assert_eq!(
        wallet.approve(bob(), second),
        Err(MultisigError::SpendingLimitExceeded {
            ledger: w.ledger.id,
            daily_max: Nat::from(1_000_000u64),
            spent_today: Nat::from(600_000u64),
            requested: Nat::from(600_000u64),
        })
    );
    assert_eq!(wallet.proposal(second).status, ProposalStatus::Approved);
    assert_eq!(w.balance(payee()), 600_000);
    // A ledger with a limit cannot be called directly.
    let call = CallAction { canister: w.ledger.id, method: "icrc1_transfer".into(), arg: candid::encode_args(()).unwrap() };
    assert!(matches!(wallet.propose_as(alice(), ProposalAction::Call(call), "around"), Err(MultisigError::InvalidArgument(_))));
    // The next UTC day, it executes.
    w.devnet.advance_time(Duration::from_nanos(DAY));
    w.devnet.tick();
    assert_eq!(wallet.execute(carol(), second).unwrap().status, ProposalStatus::Executed);
    assert_eq!(w.balance(payee()), 1_200_000);
    let spending = wallet.info(alice()).unwrap().spending;
    assert_eq!(spending[0].spent_today, Nat::from(600_000u64));
}

#[test]
fn an_upgrade_keeps_a_populated_wallet() {
    let w = World::new();
    let wallet = w.deploy(w.config(Some(5_000_000)));
    let paid = wallet.propose_as(alice(), transfer(&w, 1_000), "paid").unwrap().id;
    wallet.approve(bob(), paid).unwrap();
    let open = wallet.propose_as(bob(), transfer(&w, 2_000), "open").unwrap().id;
    let rejected: Reply<ProposalInfo> = wallet.0.update(carol(), "reject", (open, Some("not now".to_string())));
    assert_eq!(rejected.unwrap().rejections, 1);
    let entry = AddressBookEntry { name: "Payroll".into(), account: Account::of(payee()) };
    let book: Reply<Vec<AddressBookEntry>> = wallet.0.update(alice(), "set_address_book_entry", (entry.clone(),));
    assert_eq!(book.unwrap(), vec![entry.clone()]);
    let before = (wallet.info(alice()).unwrap(), wallet.proposals(ProposalFilter::All), wallet.history());
    wallet.0.upgrade(controller(), wasm("multisig"), candid::encode_args(()).unwrap()).unwrap();
    let after = (wallet.info(alice()).unwrap(), wallet.proposals(ProposalFilter::All), wallet.history());
    assert_eq!(after, before);
    assert_eq!(wallet.address_book(), vec![entry]);
    assert_eq!(before.0.members.len(), 4);
    assert_eq!(before.1.total, 2);
    assert_eq!(wallet.proposal(open).votes.len(), 2);
    assert_eq!(before.0.spending[0].spent_today, Nat::from(1_000u64));
    // It still works: Alice approves the open transfer and it executes.
    assert_eq!(wallet.approve(alice(), open).unwrap().status, ProposalStatus::Executed);
    assert_eq!(w.balance(payee()), 3_000);
}
