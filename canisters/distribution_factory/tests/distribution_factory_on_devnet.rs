//! The distribution factory on devnet with the real distribution contract as its template: only the
//! backend creates; a campaign is controlled by the factory alone and indexed by creator, by recipient
//! (once the contract's reports arrive) and in the public list; reports from canisters the factory did
//! not deploy are refused; a populated factory upgrades with its records and indexes; a campaign upgrades
//! to a newer template with its state. Each test runs its own devnet.

use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::distribution::*;
use icto_shared::distribution_factory::*;
use icto_shared::kit::KitError;
use icto_shared::pagination::PageRequest;
use icto_shared::role::Role;
use icto_shared::vesting::*;
use std::time::Duration;
use test_kit::users::principal;
use test_kit::wasm::{built as wasm, with_custom_section};
use test_kit::Canister;

type Reply<T> = Result<T, DistributionFactoryError>;

fn p(n: u64) -> Principal {
    principal(9_900 + n)
}
fn admin() -> Principal {
    p(1)
}
/// Plays the backend gateway (the only caller that may create campaigns).
fn backend() -> Principal {
    p(2)
}
fn creator() -> Principal {
    p(3)
}
fn alice() -> Principal {
    p(10)
}
fn bob() -> Principal {
    p(11)
}
fn ledger() -> Principal {
    p(50)
}

struct Factory(Canister);

impl std::ops::Deref for Factory {
    type Target = Canister;
    fn deref(&self) -> &Canister {
        &self.0
    }
}

impl Factory {
    fn deploy() -> Factory {
        let init = DistributionFactoryInitArgs { admins: vec![admin()], backend: Some(backend()), cycles_per_campaign: None };
        let f = Factory(test_kit::factory::install(admin(), wasm("distribution_factory"), init));
        f.upload(&wasm("distribution"), "v1");
        f
    }

    fn upload(&self, module: &[u8], label: &str) -> TemplateInfo {
        test_kit::factory::upload::<DistributionFactoryError>(self, admin(), module, label)
    }

    fn create(&self, caller: Principal, creator: Principal, config: CampaignConfig) -> Reply<CampaignRecord> {
        self.update(caller, "create_campaign", (CreateCampaignArgs { creator, config },))
    }

    fn by_creator(&self, user: Principal) -> CampaignPage {
        self.query("campaigns_by_creator", (user, PageRequest::new(0, 100)))
    }

    fn by_recipient(&self, user: Principal) -> CampaignPage {
        self.query("campaigns_by_recipient", (user, PageRequest::new(0, 100)))
    }

    fn list(&self) -> CampaignPage {
        self.query("list_campaigns", (PageRequest::new(0, 100),))
    }

    fn get(&self, id: Principal) -> Option<CampaignRecord> {
        self.query("get_campaign", (id,))
    }

    fn upgrade_campaign(&self, caller: Principal, id: Principal, template: &TemplateInfo) -> Reply<CampaignRecord> {
        let args = UpgradeCampaignArgs { canister_id: id, template_sha256: Some(serde_bytes::ByteBuf::from(template.sha256.clone())) };
        self.update(caller, "upgrade_campaign", (args,))
    }

    fn info(&self, campaign: Principal) -> CampaignInfo {
        self.devnet.query_candid(campaign, Principal::anonymous(), "get_campaign", ()).unwrap()
    }

    /// Lets the contracts' report timers run (with backoff) until each has nothing pending.
    fn deliver_reports(&self, campaigns: &[Principal]) {
        for _ in 0..40 {
            if campaigns.iter().all(|c| self.info(*c).pending_reports == 0) {
                return;
            }
            self.devnet.advance_time(Duration::from_secs(3));
            self.devnet.tick();
        }
        panic!("reports still pending: {:?}", campaigns.iter().map(|c| self.info(*c).pending_reports).collect::<Vec<_>>());
    }
}

fn entry(owner: Principal, amount: u64) -> RecipientEntry {
    RecipientEntry { owner, subaccount: None, category: 0, amount: Nat::from(amount) }
}

fn config(title: &str, recipients: Vec<RecipientEntry>) -> CampaignConfig {
    CampaignConfig {
        token_ledger: ledger(),
        title: title.into(),
        categories: vec![Category {
            name: "Airdrop".into(),
            schedule: VestingSchedule { start_nanos: 1_700_000_000 * NANOS_PER_SECOND, initial_unlock_bps: 0, shape: VestingShape::Instant },
        }],
        recipients,
        allow_pause: true,
        allow_cancel: true,
        registration: None,
    }
}

fn ids(page: &CampaignPage) -> Vec<Principal> {
    page.items.iter().map(|c| c.canister_id).collect()
}

#[test]
fn the_backend_creates_a_campaign_the_factory_alone_controls_indexed_by_creator_recipient_and_list() {
    let f = Factory::deploy();
    let recipients = vec![entry(alice(), 1_000), entry(bob(), 2_000)];

    // Anyone but the backend is refused, the creator included; a bad request is a typed error.
    for caller in [creator(), admin(), alice()] {
        assert_eq!(f.create(caller, creator(), config("Seed", recipients.clone())), Err(DistributionFactoryError::Unauthorized));
    }
    assert_eq!(
        f.create(backend(), creator(), config("", recipients.clone())),
        Err(DistributionFactoryError::InvalidConfig(DistributionError::TitleLength { min: 1, max: 100 }))
    );
    assert_eq!(
        f.create(backend(), creator(), config("Seed", vec![entry(alice(), 0)])),
        Err(DistributionFactoryError::InvalidConfig(DistributionError::ZeroAmount { row: 0 }))
    );
    assert_eq!(f.list().total, 0, "nothing created by refused requests");

    let record = f.create(backend(), creator(), config("Seed", recipients)).expect("create");
    let id = record.canister_id;
    assert_eq!((record.creator, record.token_ledger, record.title.as_str(), record.initial_recipients), (creator(), ledger(), "Seed", 2));

    // The factory is the only controller, read through the management canister.
    let status = f.devnet.canister_status(id, f.id).expect("the factory reads its campaign's status");
    assert_eq!(status.controllers, vec![f.id]);
    assert!(f.devnet.canister_status(id, creator()).is_err(), "the creator is not a controller");
    assert!(f.devnet.reinstall_code(id, wasm("distribution"), vec![], creator()).is_err(), "the creator cannot reinstall");

    // The contract runs with the factory and the creator the backend named.
    let info = f.info(id);
    assert_eq!((info.factory, info.creator, info.totals.recipients), (f.id, creator(), 2));

    assert_eq!(f.get(id), Some(record.clone()));
    assert_eq!(ids(&f.by_creator(creator())), vec![id]);
    assert_eq!(ids(&f.list()), vec![id]);
    assert_eq!(f.by_creator(alice()).total, 0);

    // Recipients are indexed once the contract's reports arrive.
    f.deliver_reports(&[id]);
    assert_eq!(ids(&f.by_recipient(alice())), vec![id]);
    assert_eq!(ids(&f.by_recipient(bob())), vec![id]);
    assert_eq!(f.by_recipient(creator()).total, 0);
    let settings: DistributionFactorySettings = f.query("get_settings", ());
    assert_eq!((settings.campaign_count, settings.backend), (1, Some(backend())));
}

#[test]
fn reports_from_canisters_the_factory_did_not_deploy_are_refused() {
    let f = Factory::deploy();
    // A distribution contract installed directly (not by the factory) naming the factory as its own.
    let init = DistributionInitArgs::new(f.id, creator(), config("Impostor", vec![entry(alice(), 5)]));
    let impostor = Canister::install(&f.devnet, p(7), wasm("distribution"), candid::encode_one(init).unwrap());
    for _ in 0..10 {
        f.devnet.advance_time(Duration::from_secs(3));
        f.devnet.tick();
    }
    assert!(f.info(impostor.id).pending_reports > 0, "the factory never acknowledged the impostor's reports");
    assert_eq!((f.by_recipient(alice()).total, f.by_creator(creator()).total), (0, 0));

    // Direct calls from a user or from the impostor are refused the same way.
    let change = vec![RoleChange { user: alice(), role: Role::Recipient, action: RelationshipAction::Add }];
    for caller in [alice(), backend(), impostor.id] {
        let r: Reply<()> = f.update(caller, "report_relationships", (change.clone(),));
        assert_eq!(r, Err(DistributionFactoryError::Unauthorized));
    }
    assert_eq!(f.by_recipient(alice()).total, 0);
}

#[test]
fn a_populated_factory_upgrades_with_its_records_and_indexes_and_campaigns_upgrade_forward() {
    let f = Factory::deploy();
    let carol = p(12);
    let a = f.create(backend(), creator(), config("A", vec![entry(alice(), 10), entry(bob(), 20)])).unwrap();
    let b = f.create(backend(), creator(), config("B", vec![entry(alice(), 30)])).unwrap();
    let c = f.create(backend(), carol, config("C", vec![entry(bob(), 40)])).unwrap();
    let all = [a.canister_id, b.canister_id, c.canister_id];
    f.deliver_reports(&all);
    let before = (f.list(), f.by_creator(creator()), f.by_creator(carol), f.by_recipient(alice()), f.by_recipient(bob()));
    assert_eq!(ids(&before.3), vec![a.canister_id, b.canister_id]);
    assert_eq!(ids(&before.4), vec![a.canister_id, c.canister_id]);

    f.upgrade(admin(), wasm("distribution_factory"), candid::encode_args(()).unwrap()).expect("factory upgrade");
    let after = (f.list(), f.by_creator(creator()), f.by_creator(carol), f.by_recipient(alice()), f.by_recipient(bob()));
    assert_eq!(after, before, "records and indexes kept");
    let templates: Vec<TemplateInfo> = f.query("list_templates", ());
    assert_eq!(templates.len(), 1);

    // Reports keep arriving after the upgrade: a recipient added to A is indexed.
    let added: Result<CampaignTotals, DistributionError> = f.devnet.update_candid(a.canister_id, creator(), "add_recipients", (vec![entry(carol, 50)],)).unwrap();
    added.unwrap();
    f.deliver_reports(&all);
    assert_eq!(ids(&f.by_recipient(carol)), vec![a.canister_id]);

    // A newer template: strangers refused, the creator moves A forward and A keeps its state.
    let v1 = templates[0].clone();
    let v2 = f.upload(&with_custom_section(wasm("distribution"), "icto:template", b"v2"), "v2");
    assert_eq!(f.upgrade_campaign(alice(), a.canister_id, &v2), Err(DistributionFactoryError::Unauthorized));
    assert_eq!(f.upgrade_campaign(carol, a.canister_id, &v2), Err(DistributionFactoryError::Unauthorized));
    let state = f.info(a.canister_id);
    let upgraded = f.upgrade_campaign(creator(), a.canister_id, &v2).expect("upgrade_campaign");
    assert_eq!((upgraded.template_sha256.clone(), upgraded.upgraded_at.is_some()), (v2.sha256.clone(), true));
    assert_eq!(f.devnet.module_hash(a.canister_id).map(|h| h.to_vec()), Some(v2.sha256.clone()));
    let kept = f.info(a.canister_id);
    assert_eq!((kept.totals, kept.title, kept.creator, kept.status), (state.totals, state.title, state.creator, state.status));
    assert_eq!(f.get(a.canister_id), Some(upgraded));

    // Only forward: the creator cannot go back; an admin may roll back to the version before.
    assert_eq!(f.upgrade_campaign(creator(), a.canister_id, &v1), Err(DistributionFactoryError::NotNewerTemplate { current: 2, requested: 1 }));
    assert_eq!(f.upgrade_campaign(creator(), a.canister_id, &v2), Err(DistributionFactoryError::NotNewerTemplate { current: 2, requested: 2 }));
    let rolled = f.upgrade_campaign(admin(), a.canister_id, &v1).expect("admin rollback");
    assert_eq!(rolled.template_sha256, v1.sha256);
    assert_eq!(f.info(a.canister_id).totals.recipients, 3);
    let missing = UpgradeCampaignArgs { canister_id: p(77), template_sha256: None };
    let r: Reply<CampaignRecord> = f.update(admin(), "upgrade_campaign", (missing,));
    assert_eq!(r, Err(DistributionFactoryError::CampaignNotFound));
    let unknown = UpgradeCampaignArgs { canister_id: b.canister_id, template_sha256: Some(serde_bytes::ByteBuf::from(vec![1; 32])) };
    let r: Reply<CampaignRecord> = f.update(creator(), "upgrade_campaign", (unknown,));
    assert_eq!(r, Err(DistributionFactoryError::Kit(KitError::TemplateNotFound)));
}
