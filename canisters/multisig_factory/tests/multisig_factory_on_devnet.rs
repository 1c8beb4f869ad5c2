//! The multisig factory on devnet with the real multisig wallet as its template: only the backend
//! creates; a wallet is controlled by the factory alone and indexed by creator, by signer and by observer
//! (once the wallet's reports arrive) and in the public list; a removed signer leaves the signer index;
//! reports from canisters the factory did not deploy are refused; a populated factory upgrades with its
//! records and indexes; a wallet upgrades only forward (an admin may roll back). Each test runs its own
//! devnet.

use candid::Principal;
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::kit::KitError;
use icto_shared::multisig::*;
use icto_shared::multisig_factory::*;
use icto_shared::pagination::PageRequest;
use icto_shared::role::Role;
use std::time::Duration;
use test_kit::users::principal;
use test_kit::wasm::{built as wasm, with_custom_section};
use test_kit::Canister;

type Reply<T> = Result<T, MultisigFactoryError>;

fn p(n: u64) -> Principal {
    principal(9_800 + n)
}
fn admin() -> Principal {
    p(1)
}
/// Plays the backend gateway (the only caller that may create wallets).
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
fn carol() -> Principal {
    p(12)
}
fn dave() -> Principal {
    p(13)
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
        let init = MultisigFactoryInitArgs { admins: vec![admin()], backend: Some(backend()), cycles_per_wallet: None };
        let f = Factory(test_kit::factory::install(admin(), wasm("multisig_factory"), init));
        f.upload(&wasm("multisig"), "v1");
        f
    }

    fn upload(&self, module: &[u8], label: &str) -> TemplateInfo {
        test_kit::factory::upload::<MultisigFactoryError>(self, admin(), module, label)
    }

    fn create(&self, caller: Principal, creator: Principal, config: WalletConfig) -> Reply<WalletRecord> {
        self.update(caller, "create_wallet", (CreateWalletArgs { creator, config },))
    }

    fn by(&self, method: &str, user: Principal) -> WalletPage {
        self.query(method, (user, PageRequest::new(0, 100)))
    }

    fn by_creator(&self, user: Principal) -> WalletPage {
        self.by("wallets_by_creator", user)
    }

    fn by_signer(&self, user: Principal) -> WalletPage {
        self.by("wallets_by_signer", user)
    }

    fn by_observer(&self, user: Principal) -> WalletPage {
        self.by("wallets_by_observer", user)
    }

    fn list(&self) -> WalletPage {
        self.query("list_wallets", (PageRequest::new(0, 100),))
    }

    fn get(&self, id: Principal) -> Option<WalletRecord> {
        self.query("get_wallet", (id,))
    }

    fn upgrade_wallet(&self, caller: Principal, id: Principal, template: &TemplateInfo) -> Reply<WalletRecord> {
        let args = UpgradeWalletArgs { canister_id: id, template_sha256: Some(serde_bytes::ByteBuf::from(template.sha256.clone())) };
        self.update(caller, "upgrade_wallet", (args,))
    }

    /// The wallet as its factory reads it.
    fn info(&self, wallet: Principal) -> WalletInfo {
        let r: Result<WalletInfo, MultisigError> = self.devnet.query_candid(wallet, self.id, "get_wallet", ()).unwrap();
        r.unwrap()
    }

    /// Lets the wallets' report timers run (with backoff) until each has nothing pending.
    fn deliver_reports(&self, wallets: &[Principal]) {
        for _ in 0..40 {
            if wallets.iter().all(|w| self.info(*w).pending_reports == 0) {
                return;
            }
            self.devnet.advance_time(Duration::from_secs(3));
            self.devnet.tick();
        }
        panic!("reports still pending: {:?}", wallets.iter().map(|w| self.info(*w).pending_reports).collect::<Vec<_>>());
    }

    /// Runs a proposal through the wallet: `proposer` proposes (their first approval), each of `approvers`
    /// approves; it must end executed.
    fn pass(&self, wallet: Principal, proposer: Principal, approvers: &[Principal], action: ProposalAction) -> ProposalInfo {
        let args = ProposeArgs {
            title: "change".into(),
            description: None,
            action,
            expires_in: None,
            not_before: None,
            dedup_key: format!("k{}", self.info(wallet).proposal_count),
        };
        let r: Result<ProposalInfo, MultisigError> = self.devnet.update_candid(wallet, proposer, "propose", (args,)).unwrap();
        let mut proposal = r.expect("propose");
        for a in approvers {
            let r: Result<ProposalInfo, MultisigError> = self.devnet.update_candid(wallet, *a, "approve", (proposal.id, None::<String>)).unwrap();
            proposal = r.expect("approve");
        }
        if proposal.status == ProposalStatus::Approved {
            let r: Result<ProposalInfo, MultisigError> = self.devnet.update_candid(wallet, proposer, "execute", (proposal.id,)).unwrap();
            proposal = r.expect("execute");
        }
        assert_eq!(proposal.status, ProposalStatus::Executed, "{proposal:?}");
        proposal
    }
}

/// `signers` of which `threshold` approve, observed by `observers`.
fn config(name: &str, signers: &[Principal], observers: &[Principal], threshold: u32) -> WalletConfig {
    test_kit::wallets::config(name, signers, observers, threshold, &[ledger()])
}

fn ids(page: &WalletPage) -> Vec<Principal> {
    page.items.iter().map(|w| w.canister_id).collect()
}

#[test]
fn the_backend_creates_a_wallet_the_factory_alone_controls_indexed_by_creator_signer_observer_and_list() {
    let f = Factory::deploy();
    let team = config("Treasury", &[alice(), bob(), carol()], &[dave()], 2);

    // Anyone but the backend is refused, the creator included; a bad request is a typed error.
    for caller in [creator(), admin(), alice()] {
        assert_eq!(f.create(caller, creator(), team.clone()), Err(MultisigFactoryError::Unauthorized));
    }
    assert_eq!(
        f.create(backend(), creator(), config("Treasury", &[alice(), bob()], &[], 3)),
        Err(MultisigFactoryError::InvalidConfig(MultisigError::InvalidThreshold { threshold: 3, signers: 2 }))
    );
    assert_eq!(
        f.create(backend(), creator(), config("Treasury", &[alice()], &[alice()], 1)),
        Err(MultisigFactoryError::InvalidConfig(MultisigError::AlreadyMember { principal: alice() }))
    );
    assert_eq!(f.list().total, 0, "nothing created by refused requests");

    let record = f.create(backend(), creator(), team).expect("create");
    let id = record.canister_id;
    assert_eq!((record.creator, record.name.as_str(), record.initial_signers, record.initial_threshold), (creator(), "Treasury", 3, 2));

    // The factory is the only controller, read through the management canister.
    let status = f.devnet.canister_status(id, f.id).expect("the factory reads its wallet's status");
    assert_eq!(status.controllers, vec![f.id]);
    for user in [creator(), alice()] {
        assert!(f.devnet.canister_status(id, user).is_err(), "{user} is not a controller");
        assert!(f.devnet.reinstall_code(id, wasm("multisig"), vec![], user).is_err(), "{user} cannot reinstall");
    }

    // The wallet runs with the factory, the creator and the members the backend named.
    let info = f.info(id);
    assert_eq!((info.factory, info.creator, info.threshold, info.members.len()), (f.id, creator(), 2, 4));

    assert_eq!(f.get(id), Some(record.clone()));
    assert_eq!(ids(&f.by_creator(creator())), vec![id]);
    assert_eq!(ids(&f.list()), vec![id]);

    // Signers and observers are indexed once the wallet's reports arrive.
    f.deliver_reports(&[id]);
    for signer in [alice(), bob(), carol()] {
        assert_eq!(ids(&f.by_signer(signer)), vec![id]);
        assert_eq!(f.by_observer(signer).total, 0);
    }
    assert_eq!(ids(&f.by_observer(dave())), vec![id]);
    assert_eq!((f.by_signer(dave()).total, f.by_signer(creator()).total, f.by_creator(alice()).total), (0, 0, 0));

    // A signer removed by an executed proposal leaves the signer index once the wallet reports it.
    f.pass(id, alice(), &[bob()], ProposalAction::RemoveSigner(carol()));
    f.deliver_reports(&[id]);
    assert_eq!(f.by_signer(carol()).total, 0, "carol is no longer a signer");
    assert_eq!(ids(&f.by_signer(bob())), vec![id]);
    let settings: MultisigFactorySettings = f.query("get_settings", ());
    assert_eq!((settings.wallet_count, settings.backend), (1, Some(backend())));
}

#[test]
fn reports_from_canisters_the_factory_did_not_deploy_are_refused() {
    let f = Factory::deploy();
    // A multisig wallet installed directly (not by the factory) naming the factory as its own.
    let init = MultisigInitArgs { factory: f.id, creator: creator(), config: config("Impostor", &[alice()], &[bob()], 1) };
    let impostor = Canister::install(&f.devnet, p(7), wasm("multisig"), candid::encode_one(init).unwrap());
    for _ in 0..10 {
        f.devnet.advance_time(Duration::from_secs(3));
        f.devnet.tick();
    }
    assert!(f.info(impostor.id).pending_reports > 0, "the factory never acknowledged the impostor's reports");
    assert_eq!((f.by_signer(alice()).total, f.by_observer(bob()).total, f.by_creator(creator()).total), (0, 0, 0));

    // Direct calls from a user, the backend or the impostor are refused the same way.
    let change = vec![RoleChange { user: alice(), role: Role::Signer, action: RelationshipAction::Add }];
    for caller in [alice(), backend(), impostor.id] {
        let r: Reply<()> = f.update(caller, "report_relationships", (change.clone(),));
        assert_eq!(r, Err(MultisigFactoryError::Unauthorized));
    }
    assert_eq!(f.by_signer(alice()).total, 0);
}

#[test]
fn a_populated_factory_upgrades_with_its_records_and_indexes_and_wallets_upgrade_only_forward() {
    let f = Factory::deploy();
    let a = f.create(backend(), creator(), config("A", &[alice(), bob()], &[dave()], 1)).unwrap();
    let b = f.create(backend(), creator(), config("B", &[alice()], &[], 1)).unwrap();
    let c = f.create(backend(), carol(), config("C", &[bob()], &[alice()], 1)).unwrap();
    let all = [a.canister_id, b.canister_id, c.canister_id];
    f.deliver_reports(&all);
    let snapshot = |f: &Factory| {
        (
            f.list(),
            f.by_creator(creator()),
            f.by_creator(carol()),
            f.by_signer(alice()),
            f.by_signer(bob()),
            f.by_observer(alice()),
            f.by_observer(dave()),
        )
    };
    let before = snapshot(&f);
    assert_eq!(ids(&before.3), vec![a.canister_id, b.canister_id]);
    assert_eq!(ids(&before.4), vec![a.canister_id, c.canister_id]);
    assert_eq!(ids(&before.5), vec![c.canister_id]);

    f.upgrade(admin(), wasm("multisig_factory"), candid::encode_args(()).unwrap()).expect("factory upgrade");
    assert_eq!(snapshot(&f), before, "records and indexes kept");
    let templates: Vec<TemplateInfo> = f.query("list_templates", ());
    assert_eq!(templates.len(), 1);

    // Reports keep arriving after the upgrade: an observer added to A by a proposal is indexed.
    f.pass(a.canister_id, alice(), &[], ProposalAction::AddObserver(MemberInit { principal: carol(), name: "carol".into() }));
    f.deliver_reports(&all);
    assert_eq!(ids(&f.by_observer(carol())), vec![a.canister_id]);

    // A newer template: strangers refused, the creator moves A forward and A keeps its state.
    let v1 = templates[0].clone();
    let v2 = f.upload(&with_custom_section(wasm("multisig"), "icto:template", b"v2"), "v2");
    for stranger in [alice(), carol()] {
        assert_eq!(f.upgrade_wallet(stranger, a.canister_id, &v2), Err(MultisigFactoryError::Unauthorized));
    }
    let state = f.info(a.canister_id);
    let upgraded = f.upgrade_wallet(creator(), a.canister_id, &v2).expect("upgrade_wallet");
    assert_eq!((upgraded.template_sha256.clone(), upgraded.upgraded_at.is_some()), (v2.sha256.clone(), true));
    assert_eq!(f.devnet.module_hash(a.canister_id).map(|h| h.to_vec()), Some(v2.sha256.clone()));
    let kept = f.info(a.canister_id);
    assert_eq!((kept.members, kept.threshold, kept.proposal_count), (state.members, state.threshold, state.proposal_count));
    assert_eq!(f.get(a.canister_id), Some(upgraded));

    // Only forward: the creator cannot go back or stay; an admin may roll back to the version before.
    assert_eq!(f.upgrade_wallet(creator(), a.canister_id, &v1), Err(MultisigFactoryError::NotNewerTemplate { current: 2, requested: 1 }));
    assert_eq!(f.upgrade_wallet(creator(), a.canister_id, &v2), Err(MultisigFactoryError::NotNewerTemplate { current: 2, requested: 2 }));
    let rolled = f.upgrade_wallet(admin(), a.canister_id, &v1).expect("admin rollback");
    assert_eq!(rolled.template_sha256, v1.sha256);
    assert_eq!(f.info(a.canister_id).members.len(), 4);
    let missing = UpgradeWalletArgs { canister_id: p(77), template_sha256: None };
    let r: Reply<WalletRecord> = f.update(admin(), "upgrade_wallet", (missing,));
    assert_eq!(r, Err(MultisigFactoryError::WalletNotFound));
    let unknown = UpgradeWalletArgs { canister_id: b.canister_id, template_sha256: Some(serde_bytes::ByteBuf::from(vec![1; 32])) };
    let r: Reply<WalletRecord> = f.update(creator(), "upgrade_wallet", (unknown,));
    assert_eq!(r, Err(MultisigFactoryError::Kit(KitError::TemplateNotFound)));
}
