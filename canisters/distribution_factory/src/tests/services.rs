//! The services on the host: each test runs on its own thread, so it starts with empty stable memory.
//! Calls that would await another canister are not run here (the devnet tests do); everything refused
//! before the first await is.

use crate::models::settings::CYCLES_RESERVE;
use crate::repositories::campaigns::CAMPAIGNS;
use crate::services::access::Campaigns;
use crate::services::{campaigns, relationships, settings};
use canister_kit::factory;
use canister_kit::lock::Lock;
use canister_kit::pagination::PageRequest;
use canister_kit::{CallContext, KitError};
use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::distribution::limits::MAX_CREATE_RECIPIENTS;
use icto_shared::distribution::*;
use icto_shared::distribution_factory::{DistributionFactoryError as Error, *};
use icto_shared::role::Role;
use icto_shared::template::{DeployKind, DeployRecord};
use icto_shared::vesting::*;
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

fn setup() {
    settings::init(DistributionFactoryInitArgs { admins: vec![p(ADMIN)], backend: Some(p(BACKEND)), cycles_per_campaign: None }).unwrap();
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

fn entry(owner: u8, amount: u128) -> RecipientEntry {
    RecipientEntry { owner: p(owner), subaccount: None, category: 0, amount: Nat::from(amount) }
}

pub fn create_args(recipients: Vec<RecipientEntry>) -> CreateCampaignArgs {
    CreateCampaignArgs {
        creator: p(USER),
        config: CampaignConfig {
            token_ledger: p(LEDGER),
            title: "Seed round".into(),
            categories: vec![Category {
                name: "Airdrop".into(),
                schedule: VestingSchedule { start_nanos: 1_700_000_000 * NANOS_PER_SECOND, initial_unlock_bps: 0, shape: VestingShape::Instant },
            }],
            recipients,
            allow_pause: true,
            allow_cancel: true,
            registration: None,
        },
    }
}

fn upload(bytes: &[u8], label: &str) -> TemplateInfo {
    let begin = TemplateUploadBegin { sha256: Sha256::digest(bytes).to_vec(), total_size: bytes.len() as u64, label: label.into(), semver: None, release_notes: None };
    factory::template_upload_begin::<Campaigns>(&ctx(ADMIN), begin).unwrap();
    for chunk in bytes.chunks(3) {
        factory::template_upload_chunk::<Campaigns>(&ctx(ADMIN), chunk.to_vec()).unwrap();
    }
    factory::template_upload_commit::<Campaigns>(&ctx(ADMIN)).unwrap()
}

/// A campaign as `create` writes it once the install succeeded (ids 100, 101, ... by `n`).
fn campaign_id(n: u32) -> Principal {
    let mut bytes = vec![0xCC];
    bytes.extend(n.to_be_bytes());
    Principal::from_slice(&bytes)
}

fn insert_campaign(n: u32, creator: Principal, template: &TemplateInfo) -> CampaignRecord {
    let record = CampaignRecord {
        canister_id: campaign_id(n),
        creator,
        token_ledger: p(LEDGER),
        title: format!("Campaign {n}"),
        initial_recipients: 1,
        template_sha256: template.sha256.clone(),
        created_at: n as u64,
        upgraded_at: None,
    };
    let install = DeployRecord { version: template.version, sha256: template.sha256.clone(), kind: DeployKind::Install, at: n as u64 };
    CAMPAIGNS.insert_new(record.canister_id, record.creator, record.clone(), Some(install));
    record
}

fn add(user: Principal, role: Role) -> RoleChange {
    RoleChange { user, role, action: RelationshipAction::Add }
}

#[test]
fn only_the_backend_may_create() {
    setup();
    let args = create_args(vec![entry(ALICE, 100)]);
    for caller in [USER, ADMIN, ALICE] {
        assert_eq!(run_now(campaigns::create(ctx(caller), args.clone())), Err(Error::Unauthorized));
    }
    // The backend passes the checks and then needs a template.
    assert_eq!(run_now(campaigns::create(ctx(BACKEND), args)), Err(Error::Kit(KitError::NoTemplate)));
    // Without a backend nobody may create.
    factory::set_backend::<Campaigns>(&ctx(ADMIN), None).unwrap();
    assert_eq!(run_now(campaigns::create(ctx(BACKEND), create_args(vec![]))), Err(Error::Unauthorized));
}

#[test]
fn invalid_campaigns_are_refused_with_the_contracts_typed_error_before_anything_else() {
    setup();
    upload(b"distribution wasm", "v1");
    let refused = |args: CreateCampaignArgs| run_now(campaigns::create(ctx(BACKEND), args));

    let mut bad = create_args(vec![entry(ALICE, 100)]);
    bad.config.title = String::new();
    assert_eq!(refused(bad), Err(Error::InvalidConfig(DistributionError::TitleLength { min: 1, max: 100 })));

    let mut bad = create_args(vec![entry(ALICE, 100)]);
    bad.config.categories.clear();
    assert_eq!(refused(bad), Err(Error::InvalidConfig(DistributionError::CategoryCount { min: 1, max: 10 })));

    assert_eq!(refused(create_args(vec![entry(ALICE, 0)])), Err(Error::InvalidConfig(DistributionError::ZeroAmount { row: 0 })));
    assert_eq!(
        refused(create_args(vec![entry(ALICE, 1), entry(ALICE, 2)])),
        Err(Error::InvalidConfig(DistributionError::DuplicateRecipient { row: 1 }))
    );
    let mut unknown = entry(ALICE, 1);
    unknown.category = 3;
    assert_eq!(refused(create_args(vec![unknown])), Err(Error::InvalidConfig(DistributionError::UnknownCategory { row: 0, category: 3 })));
    let anonymous = RecipientEntry { owner: Principal::anonymous(), ..entry(ALICE, 1) };
    assert_eq!(refused(create_args(vec![anonymous])), Err(Error::InvalidConfig(DistributionError::AnonymousRecipient { row: 0 })));
    let too_many: Vec<RecipientEntry> = (0..=MAX_CREATE_RECIPIENTS as u32)
        .map(|i| RecipientEntry { owner: campaign_id(i), subaccount: None, category: 0, amount: Nat::from(1u8) })
        .collect();
    assert_eq!(refused(create_args(too_many)), Err(Error::InvalidConfig(DistributionError::BatchTooLarge { max: 1_000 })));
    let mut anonymous_creator = create_args(vec![entry(ALICE, 1)]);
    anonymous_creator.creator = Principal::anonymous();
    assert!(matches!(refused(anonymous_creator), Err(Error::InvalidConfig(DistributionError::InvalidArgument(_)))));
    assert_eq!(CAMPAIGNS.count(), 0, "nothing written");
}

#[test]
fn a_factory_short_of_cycles_or_a_creator_already_creating_is_refused_before_any_call() {
    setup();
    upload(b"distribution wasm", "v1");
    let poor = CallContext { cycles_balance: CYCLES_RESERVE, ..ctx(BACKEND) };
    let result = run_now(campaigns::create(poor, create_args(vec![entry(ALICE, 1)])));
    assert!(matches!(result, Err(Error::Kit(KitError::InsufficientCycles { .. }))), "{result:?}");

    let busy = Lock::acquire(("creator", p(USER))).unwrap();
    let result = run_now(campaigns::create(ctx(BACKEND), create_args(vec![entry(ALICE, 1)])));
    assert_eq!(result, Err(Error::Kit(KitError::OperationInProgress)));
    drop(busy);
    assert!(!Lock::is_held(&("creator", p(USER))), "a refused create leaves no lock behind");
}

#[test]
fn reports_are_accepted_only_from_deployed_campaigns_and_bounded() {
    setup();
    let v1 = upload(b"distribution wasm", "v1");
    let campaign = insert_campaign(0, p(USER), &v1).canister_id;
    let ctx_of = |caller: Principal| CallContext::for_test(caller, 5);

    for stranger in [p(ALICE), p(BACKEND), p(ADMIN), campaign_id(9), Principal::anonymous()] {
        assert_eq!(relationships::report(&ctx_of(stranger), vec![add(p(ALICE), Role::Recipient)]), Err(Error::Unauthorized));
    }
    assert_eq!(campaigns::by_recipient(p(ALICE), PageRequest::new(0, 10)).total, 0);

    let too_many = vec![add(p(ALICE), Role::Recipient); relationships::MAX_CHANGES + 1];
    assert!(matches!(relationships::report(&ctx_of(campaign), too_many), Err(Error::Kit(KitError::InvalidArgument(_)))));

    // The campaign's own reports: its creator (already indexed at creation) and a recipient.
    let before = relationships::pending();
    relationships::report(&ctx_of(campaign), vec![add(p(USER), Role::Owner), add(p(ALICE), Role::Recipient)]).unwrap();
    assert_eq!(relationships::pending(), before + 1, "only what changed the index goes to the backend");
    assert!(relationships::is_armed(), "a flush is armed");
    let page = campaigns::by_recipient(p(ALICE), PageRequest::new(0, 10));
    assert_eq!((page.total, page.items[0].canister_id), (1, campaign));
    assert_eq!(campaigns::by_creator(p(USER), PageRequest::new(0, 10)).total, 1);

    // A resend changes nothing; a removal does.
    relationships::report(&ctx_of(campaign), vec![add(p(ALICE), Role::Recipient)]).unwrap();
    assert_eq!(relationships::pending(), before + 1);
    let remove = RoleChange { user: p(ALICE), role: Role::Recipient, action: RelationshipAction::Remove };
    relationships::report(&ctx_of(campaign), vec![remove]).unwrap();
    assert_eq!((relationships::pending(), campaigns::by_recipient(p(ALICE), PageRequest::new(0, 10)).total), (before + 2, 0));
}

#[test]
fn lists_are_paged_by_position_and_capped_at_100() {
    setup();
    let v1 = upload(b"distribution wasm", "v1");
    for n in 0..250u32 {
        let creator = if n % 2 == 0 { p(USER) } else { p(ALICE) };
        let id = insert_campaign(n, creator, &v1).canister_id;
        if n % 5 == 0 {
            relationships::report(&CallContext::for_test(id, 1), vec![add(p(42), Role::Recipient)]).unwrap();
        }
    }
    let all = campaigns::all(PageRequest::new(0, 1_000));
    assert_eq!((all.total, all.items.len()), (250, 100));
    assert_eq!(all.items[0].canister_id, campaign_id(0));
    let last = campaigns::all(PageRequest::new(240, 100));
    assert_eq!((last.items.len(), last.items[9].canister_id), (10, campaign_id(249)));
    assert!(campaigns::all(PageRequest::new(250, 10)).items.is_empty());
    assert!(campaigns::all(PageRequest::new(u64::MAX, 10)).items.is_empty());

    let mine = campaigns::by_creator(p(USER), PageRequest::new(100, 100));
    assert_eq!((mine.total, mine.items.len(), mine.items[0].canister_id), (125, 25, campaign_id(200)));
    assert!(mine.items.iter().all(|c| c.creator == p(USER)));
    let received = campaigns::by_recipient(p(42), PageRequest::new(10, 5));
    let ids: Vec<Principal> = received.items.iter().map(|c| c.canister_id).collect();
    assert_eq!((received.total, ids), (50, (10..15).map(|k| campaign_id(k * 5)).collect::<Vec<_>>()));
    assert_eq!(campaigns::by_recipient(p(99), PageRequest::new(0, 10)), CampaignPage { items: vec![], total: 0 });
    assert_eq!(campaigns::get(campaign_id(7)).map(|c| c.title), Some("Campaign 7".to_string()));
    assert_eq!(settings::get().campaign_count, 250);
}

#[test]
fn upgrades_are_for_the_creator_or_an_admin_and_only_forward() {
    setup();
    let v1 = upload(b"distribution wasm 1", "v1");
    let v2 = upload(b"distribution wasm 2", "v2");
    let id = insert_campaign(0, p(USER), &v2).canister_id;
    let args = |sha: &TemplateInfo| UpgradeCampaignArgs { canister_id: id, template_sha256: Some(serde_bytes::ByteBuf::from(sha.sha256.clone())) };

    let missing = UpgradeCampaignArgs { canister_id: campaign_id(77), template_sha256: None };
    assert_eq!(run_now(campaigns::upgrade(ctx(USER), missing)), Err(Error::CampaignNotFound));
    for stranger in [ALICE, BACKEND] {
        assert_eq!(run_now(campaigns::upgrade(ctx(stranger), args(&v2))), Err(Error::Unauthorized));
    }
    // Same version or older: refused for the creator, and for an admin without a version before it.
    assert_eq!(run_now(campaigns::upgrade(ctx(USER), args(&v2))), Err(Error::NotNewerTemplate { current: 2, requested: 2 }));
    assert_eq!(run_now(campaigns::upgrade(ctx(USER), args(&v1))), Err(Error::NotNewerTemplate { current: 2, requested: 1 }));
    assert_eq!(run_now(campaigns::upgrade(ctx(ADMIN), args(&v1))), Err(Error::NotNewerTemplate { current: 2, requested: 1 }));
    let unknown = UpgradeCampaignArgs { canister_id: id, template_sha256: Some(serde_bytes::ByteBuf::from(vec![1; 32])) };
    assert_eq!(run_now(campaigns::upgrade(ctx(USER), unknown)), Err(Error::Kit(KitError::TemplateNotFound)));
}

#[test]
fn settings_and_templates_are_for_admins_within_bounds() {
    setup();
    factory::testing::admin_rules::<Campaigns>(p(ADMIN), p(USER));
    assert_eq!(factory::set_admins::<Campaigns>(&ctx(BACKEND), vec![p(BACKEND)]), Err(Error::Unauthorized));
    factory::set_cycles_per_contract::<Campaigns>(&ctx(ADMIN), Nat::from(3_000_000_000_000u128)).unwrap();
    factory::set_admins::<Campaigns>(&ctx(ADMIN), vec![p(ADMIN), p(9)]).unwrap();
    let s = settings::get();
    assert_eq!((s.cycles_per_campaign, s.admins, s.backend), (3_000_000_000_000, vec![p(ADMIN), p(9)], Some(p(BACKEND))));
    assert!(settings::init(DistributionFactoryInitArgs { admins: vec![], backend: None, cycles_per_campaign: None }).is_err());
    assert!(settings::init(DistributionFactoryInitArgs { admins: vec![p(1)], backend: None, cycles_per_campaign: Some(1) }).is_err());
    let v = upload(b"wasm", "v1");
    assert_eq!((factory::list_templates::<Campaigns>().len(), settings::get().latest_template.map(|t| t.version)), (1, Some(v.version)));
}
