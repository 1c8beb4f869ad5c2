//! The services on the host: each test runs on its own thread, so it starts with empty stable memory.
//! Calls that would await another canister are not run here (the devnet tests do); everything refused
//! before the first await is.

use crate::models::settings::CYCLES_RESERVE;
use crate::repositories::wallets::WALLETS;
use crate::services::access::Wallets;
use crate::services::{relationships, settings, wallets};
use canister_kit::factory;
use canister_kit::lock::Lock;
use canister_kit::pagination::PageRequest;
use canister_kit::{CallContext, KitError};
use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::multisig::*;
use icto_shared::multisig_factory::{MultisigFactoryError as Error, *};
use icto_shared::role::Role;
use icto_shared::template::{DeployKind, DeployRecord};
use sha2::{Digest, Sha256};
use std::future::Future;
use std::task::{Context, Poll, Waker};

pub fn p(n: u8) -> Principal {
    Principal::from_slice(&[n; 10])
}
const ADMIN: u8 = 1;
const BACKEND: u8 = 2;
const USER: u8 = 3;
const LEDGER: u8 = 4;
const ALICE: u8 = 10;
const BOB: u8 = 11;
const CAROL: u8 = 12;
const DAVE: u8 = 13;

fn setup() {
    settings::init(MultisigFactoryInitArgs { admins: vec![p(ADMIN)], backend: Some(p(BACKEND)), cycles_per_wallet: None }).unwrap();
}

/// Runs a future that must finish without awaiting another canister.
fn run_now<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the call awaited another canister"),
    }
}

fn ctx(caller: u8) -> CallContext {
    CallContext::for_test(p(caller), 1)
}

fn member(n: u8) -> MemberInit {
    MemberInit { principal: p(n), name: format!("member {n}") }
}

/// A 2-of-3 wallet (alice, bob, carol) observed by dave.
pub fn create_args() -> CreateWalletArgs {
    CreateWalletArgs {
        creator: p(USER),
        config: WalletConfig {
            name: "Treasury".into(),
            description: None,
            signers: vec![member(ALICE), member(BOB), member(CAROL)],
            observers: vec![member(DAVE)],
            threshold: 2,
            tokens: vec![p(LEDGER)],
            spending_limits: vec![],
        },
    }
}

fn upload(bytes: &[u8], label: &str) -> TemplateInfo {
    let begin = TemplateUploadBegin { sha256: Sha256::digest(bytes).to_vec(), total_size: bytes.len() as u64, label: label.into(), semver: None, release_notes: None };
    factory::template_upload_begin::<Wallets>(&ctx(ADMIN), begin).unwrap();
    for chunk in bytes.chunks(3) {
        factory::template_upload_chunk::<Wallets>(&ctx(ADMIN), chunk.to_vec()).unwrap();
    }
    factory::template_upload_commit::<Wallets>(&ctx(ADMIN)).unwrap()
}

fn wallet_id(n: u32) -> Principal {
    let mut bytes = vec![0xDD];
    bytes.extend(n.to_be_bytes());
    Principal::from_slice(&bytes)
}

/// A wallet as `create` writes it once the install succeeded.
fn insert_wallet(n: u32, creator: Principal, template: &TemplateInfo) -> WalletRecord {
    let record = WalletRecord {
        canister_id: wallet_id(n),
        creator,
        name: format!("Wallet {n}"),
        initial_signers: 3,
        initial_threshold: 2,
        template_sha256: template.sha256.clone(),
        created_at: n as u64,
        upgraded_at: None,
    };
    let install = DeployRecord { version: template.version, sha256: template.sha256.clone(), kind: DeployKind::Install, at: n as u64 };
    WALLETS.insert_new(record.canister_id, record.creator, record.clone(), Some(install));
    record
}

fn change(user: u8, role: Role, action: RelationshipAction) -> RoleChange {
    RoleChange { user: p(user), role, action }
}

fn ids(page: &WalletPage) -> Vec<Principal> {
    page.items.iter().map(|w| w.canister_id).collect()
}

fn page(n: u64) -> PageRequest {
    PageRequest::new(0, n)
}

#[test]
fn only_the_backend_may_create_a_wallet() {
    setup();
    for caller in [USER, ADMIN, ALICE] {
        assert_eq!(run_now(wallets::create(ctx(caller), create_args())), Err(Error::Unauthorized));
    }
    // The backend passes the checks and then needs a template.
    assert_eq!(run_now(wallets::create(ctx(BACKEND), create_args())), Err(Error::Kit(KitError::NoTemplate)));
    // Without a backend nobody may create.
    factory::set_backend::<Wallets>(&ctx(ADMIN), None).unwrap();
    assert_eq!(run_now(wallets::create(ctx(BACKEND), create_args())), Err(Error::Unauthorized));
}

#[test]
fn an_invalid_wallet_config_is_refused_with_the_wallets_typed_error_and_nothing_written() {
    setup();
    upload(b"multisig wasm", "v1");
    let refused = |args: CreateWalletArgs| run_now(wallets::create(ctx(BACKEND), args));

    let mut bad = create_args();
    bad.config.threshold = 4;
    assert_eq!(refused(bad), Err(Error::InvalidConfig(MultisigError::InvalidThreshold { threshold: 4, signers: 3 })));
    let mut bad = create_args();
    bad.config.threshold = 0;
    assert_eq!(refused(bad), Err(Error::InvalidConfig(MultisigError::InvalidThreshold { threshold: 0, signers: 3 })));
    let mut bad = create_args();
    bad.config.observers.push(member(ALICE));
    assert_eq!(refused(bad), Err(Error::InvalidConfig(MultisigError::AlreadyMember { principal: p(ALICE) })));
    let mut bad = create_args();
    bad.config.signers.push(MemberInit { principal: Principal::anonymous(), name: String::new() });
    assert_eq!(refused(bad), Err(Error::InvalidConfig(MultisigError::AnonymousMember)));
    let mut bad = create_args();
    bad.config.name = String::new();
    assert!(matches!(refused(bad), Err(Error::InvalidConfig(MultisigError::TextLength { .. }))));
    let mut bad = create_args();
    bad.config.signers.clear();
    assert!(matches!(refused(bad), Err(Error::InvalidConfig(MultisigError::InvalidArgument(_)))));
    let mut bad = create_args();
    bad.config.spending_limits = vec![SpendingLimit { ledger: p(99), daily_max: Nat::from(1u8) }];
    assert!(matches!(refused(bad), Err(Error::InvalidConfig(MultisigError::InvalidArgument(_)))));
    let mut anonymous_creator = create_args();
    anonymous_creator.creator = Principal::anonymous();
    assert!(matches!(refused(anonymous_creator), Err(Error::Kit(KitError::InvalidArgument(_)))));
    assert_eq!((WALLETS.count(), relationships::pending()), (0, 0), "nothing written, nothing forwarded");
}

#[test]
fn a_factory_short_of_cycles_or_a_creator_already_creating_is_refused_before_any_call() {
    setup();
    upload(b"multisig wasm", "v1");
    let poor = CallContext { cycles_balance: CYCLES_RESERVE, ..ctx(BACKEND) };
    let result = run_now(wallets::create(poor, create_args()));
    assert!(matches!(result, Err(Error::Kit(KitError::InsufficientCycles { .. }))), "{result:?}");

    let busy = Lock::acquire(("creator", p(USER))).unwrap();
    assert_eq!(run_now(wallets::create(ctx(BACKEND), create_args())), Err(Error::Kit(KitError::OperationInProgress)));
    drop(busy);
    assert!(!Lock::is_held(&("creator", p(USER))), "a refused create leaves no lock behind");
}

#[test]
fn reports_from_a_caller_the_factory_did_not_deploy_are_refused() {
    setup();
    let v1 = upload(b"multisig wasm", "v1");
    let wallet = insert_wallet(0, p(USER), &v1).canister_id;
    let signer_added = change(ALICE, Role::Signer, RelationshipAction::Add);
    for stranger in [p(ALICE), p(USER), p(BACKEND), p(ADMIN), wallet_id(9), Principal::anonymous()] {
        assert_eq!(relationships::report(&CallContext::for_test(stranger, 5), vec![signer_added.clone()]), Err(Error::Unauthorized));
    }
    assert_eq!(wallets::by_role(p(ALICE), Role::Signer, page(10)).total, 0);
    assert_eq!(relationships::pending(), 0);

    let too_many = vec![signer_added; relationships::MAX_CHANGES + 1];
    assert!(matches!(relationships::report(&CallContext::for_test(wallet, 5), too_many), Err(Error::Kit(KitError::InvalidArgument(_)))));
    let _ = wallet;
}

#[test]
fn added_and_removed_signers_and_observers_are_indexed_and_forwarded() {
    setup();
    let v1 = upload(b"multisig wasm", "v1");
    let wallet = insert_wallet(0, p(USER), &v1).canister_id;
    let other = insert_wallet(1, p(BOB), &v1).canister_id;
    let report = |from: Principal, changes: Vec<RoleChange>| relationships::report(&CallContext::for_test(from, 5), changes);
    use RelationshipAction::{Add, Remove};

    // The wallet's first report: its creator (indexed at creation already) and its members.
    report(wallet, vec![
        change(USER, Role::Owner, Add),
        change(ALICE, Role::Signer, Add),
        change(BOB, Role::Signer, Add),
        change(CAROL, Role::Signer, Add),
        change(DAVE, Role::Observer, Add),
    ])
    .unwrap();
    assert_eq!(relationships::pending(), 4, "only what changed the index goes to the backend");
    assert!(relationships::is_armed(), "a flush is armed");
    report(other, vec![change(BOB, Role::Signer, Add), change(ALICE, Role::Observer, Add)]).unwrap();

    assert_eq!(ids(&wallets::by_role(p(ALICE), Role::Signer, page(10))), vec![wallet]);
    assert_eq!(ids(&wallets::by_role(p(BOB), Role::Signer, page(10))), vec![wallet, other]);
    assert_eq!(ids(&wallets::by_role(p(DAVE), Role::Observer, page(10))), vec![wallet]);
    assert_eq!(ids(&wallets::by_role(p(ALICE), Role::Observer, page(10))), vec![other]);
    assert_eq!(ids(&wallets::by_role(p(USER), Role::Owner, page(10))), vec![wallet]);
    assert_eq!(wallets::by_role(p(DAVE), Role::Signer, page(10)).total, 0, "an observer is not a signer");

    // A resend changes nothing.
    report(wallet, vec![change(ALICE, Role::Signer, Add)]).unwrap();
    assert_eq!(relationships::pending(), 6);
    // A removed signer leaves the index (and the removal is forwarded); removing it again changes nothing.
    report(wallet, vec![change(BOB, Role::Signer, Remove)]).unwrap();
    assert_eq!(ids(&wallets::by_role(p(BOB), Role::Signer, page(10))), vec![other]);
    assert_eq!(relationships::pending(), 7);
    report(wallet, vec![change(BOB, Role::Signer, Remove)]).unwrap();
    assert_eq!(relationships::pending(), 7);
    // An observer promoted to signer: removed as observer, added as signer, in one report.
    report(wallet, vec![change(DAVE, Role::Observer, Remove), change(DAVE, Role::Signer, Add)]).unwrap();
    assert_eq!(wallets::by_role(p(DAVE), Role::Observer, page(10)).total, 0);
    assert_eq!(ids(&wallets::by_role(p(DAVE), Role::Signer, page(10))), vec![wallet]);
    assert_eq!(relationships::pending(), 9);
}

#[test]
fn lists_are_paged_by_position_and_by_role_and_capped_at_100() {
    setup();
    let v1 = upload(b"multisig wasm", "v1");
    for n in 0..250u32 {
        let creator = if n % 2 == 0 { p(USER) } else { p(ALICE) };
        let id = insert_wallet(n, creator, &v1).canister_id;
        if n % 5 == 0 {
            relationships::report(&CallContext::for_test(id, 1), vec![change(42, Role::Signer, RelationshipAction::Add)]).unwrap();
        }
        if n % 10 == 0 {
            relationships::report(&CallContext::for_test(id, 1), vec![change(43, Role::Observer, RelationshipAction::Add)]).unwrap();
        }
    }
    let all = wallets::all(PageRequest::new(0, 1_000));
    assert_eq!((all.total, all.items.len(), all.items[0].canister_id), (250, 100, wallet_id(0)));
    let last = wallets::all(PageRequest::new(240, 100));
    assert_eq!((last.items.len(), last.items[9].canister_id), (10, wallet_id(249)));
    assert!(wallets::all(PageRequest::new(250, 10)).items.is_empty());
    assert!(wallets::all(PageRequest::new(u64::MAX, 10)).items.is_empty());

    let mine = wallets::by_role(p(USER), Role::Owner, PageRequest::new(100, 100));
    assert_eq!((mine.total, mine.items.len(), mine.items[0].canister_id), (125, 25, wallet_id(200)));
    assert!(mine.items.iter().all(|w| w.creator == p(USER)));
    let signed = wallets::by_role(p(42), Role::Signer, PageRequest::new(10, 5));
    assert_eq!((signed.total, ids(&signed)), (50, (10..15).map(|k| wallet_id(k * 5)).collect::<Vec<_>>()));
    let observed = wallets::by_role(p(43), Role::Observer, PageRequest::new(0, 1_000));
    assert_eq!((observed.total, observed.items.len()), (25, 25));
    assert_eq!(wallets::by_role(p(42), Role::Signer, PageRequest::new(0, 1_000)).items.len(), 50);
    assert_eq!(wallets::by_role(p(99), Role::Signer, page(10)), WalletPage { items: vec![], total: 0 });
    assert_eq!(wallets::get(wallet_id(7)).map(|w| w.name), Some("Wallet 7".to_string()));
    assert_eq!(settings::get().wallet_count, 250);
}

#[test]
fn upgrades_are_for_the_creator_or_an_admin_and_only_forward() {
    setup();
    let v1 = upload(b"multisig wasm 1", "v1");
    let v2 = upload(b"multisig wasm 2", "v2");
    let id = insert_wallet(0, p(USER), &v2).canister_id;
    let args = |t: &TemplateInfo| UpgradeWalletArgs { canister_id: id, template_sha256: Some(serde_bytes::ByteBuf::from(t.sha256.clone())) };

    let missing = UpgradeWalletArgs { canister_id: wallet_id(77), template_sha256: None };
    assert_eq!(run_now(wallets::upgrade(ctx(USER), missing)), Err(Error::WalletNotFound));
    for stranger in [ALICE, BACKEND] {
        assert_eq!(run_now(wallets::upgrade(ctx(stranger), args(&v2))), Err(Error::Unauthorized));
    }
    assert_eq!(run_now(wallets::upgrade(ctx(USER), args(&v2))), Err(Error::NotNewerTemplate { current: 2, requested: 2 }));
    assert_eq!(run_now(wallets::upgrade(ctx(USER), args(&v1))), Err(Error::NotNewerTemplate { current: 2, requested: 1 }));
    assert_eq!(run_now(wallets::upgrade(ctx(ADMIN), args(&v1))), Err(Error::NotNewerTemplate { current: 2, requested: 1 }));
    let unknown = UpgradeWalletArgs { canister_id: id, template_sha256: Some(serde_bytes::ByteBuf::from(vec![1; 32])) };
    assert_eq!(run_now(wallets::upgrade(ctx(USER), unknown)), Err(Error::Kit(KitError::TemplateNotFound)));
}

#[test]
fn settings_and_templates_are_for_admins_within_bounds() {
    setup();
    factory::testing::admin_rules::<Wallets>(p(ADMIN), p(USER));
    assert_eq!(factory::set_admins::<Wallets>(&ctx(BACKEND), vec![p(BACKEND)]), Err(Error::Unauthorized));
    factory::set_cycles_per_contract::<Wallets>(&ctx(ADMIN), Nat::from(3_000_000_000_000u128)).unwrap();
    factory::set_admins::<Wallets>(&ctx(ADMIN), vec![p(ADMIN), p(9)]).unwrap();
    let s = settings::get();
    assert_eq!((s.cycles_per_wallet, s.admins, s.backend), (3_000_000_000_000, vec![p(ADMIN), p(9)], Some(p(BACKEND))));
    assert!(settings::init(MultisigFactoryInitArgs { admins: vec![], backend: None, cycles_per_wallet: None }).is_err());
    let v = upload(b"wasm", "v1");
    assert_eq!((factory::list_templates::<Wallets>().len(), settings::get().latest_template.map(|t| t.version)), (1, Some(v.version)));
}
