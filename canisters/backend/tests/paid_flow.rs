//! The backend's paid flow on devnet with the real ledger and token factory: the full write path, a
//! refund for a fault at each step after the charge (faults made real: the factory stopped, frozen,
//! trapping, refusing; the registry full; the ledger down during the refund), one charge for ten
//! concurrent submissions of one key, the rejections, and an upgrade that keeps everything.
//!
//! Each test builds its own world (faults change it); needs `scripts/build-canisters token token_factory backend`.

use candid::{CandidType, Encode, Nat, Principal};
use backend::models::deployment::deployment_id;
use icto_shared::audit::*;
use icto_shared::backend::*;
use icto_shared::invoice::*;
use icto_shared::contract::ContractType;
use icto_shared::role::Role;
use icto_shared::token::{Account, FeatureFlags, InitArgs};
use icto_shared::token_factory::*;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;
use test_kit::ledger::{approve_arg, Ledger};
use test_kit::users::principal;
use test_kit::wasm::built as wasm;
use test_kit::{Canister, Devnet};

const E8: u64 = 100_000_000;
const FEE: u64 = E8; // 1 payment token per token deployment
const LEDGER_FEE: u64 = 10_000;
const FUNDS: u64 = 100 * E8;
const CYCLES_PER_TOKEN_DEPLOYMENT: u128 = 1_000_000_000_000;

fn admin() -> Principal {
    principal(8_801)
}
fn user(n: u64) -> Principal {
    principal(8_810 + n)
}

struct World {
    devnet: Arc<Devnet>,
    ledger: Ledger,
    factory: Canister,
    backend: Canister,
    audit: Canister,
    invoices: Canister,
}

fn token_config(symbol: &str) -> TokenConfig {
    TokenConfig {
        name: format!("{symbol} Token"),
        symbol: symbol.into(),
        decimals: 8,
        transfer_fee: Nat::from(10_000u64),
        logo: None,
        description: None,
        website: None,
        initial_balances: vec![(Account::of(user(1)), Nat::from(1_000 * E8))],
        minting_account: None,
        fee_collector: None,
        fixed_supply: None,
    }
}

fn request(key: &str, symbol: &str) -> DeployRequest {
    DeployRequest { request_key: key.into(), contract: ContractRequest::Token(token_config(symbol)) }
}

fn token_settings(factory: Principal, enabled: bool) -> ContractTypeSettings {
    ContractTypeSettings { fee: Nat::from(FEE), cycles: CYCLES_PER_TOKEN_DEPLOYMENT, enabled, factory: Some(factory) }
}

impl World {
    fn new() -> World {
        let devnet = Arc::new(Devnet::new());
        let ledger = Ledger::install(
            &devnet,
            InitArgs {
                minting_account: Account::of(admin()),
                fee_collector_account: None,
                transfer_fee: Nat::from(LEDGER_FEE),
                decimals: Some(8),
                max_memo_length: Some(32),
                token_symbol: "ICP".into(),
                token_name: "Payment".into(),
                metadata: vec![],
                initial_balances: (1..=12).map(|n| (Account::of(user(n)), Nat::from(FUNDS))).collect(),
                feature_flags: Some(FeatureFlags { icrc2: true }),
                max_transactions_in_window: None,
            },
        );
        let init = BackendInitArgs {
            admins: vec![admin()],
            payment: PaymentSettings {
                ledger: ledger.id,
                ledger_fee: Nat::from(LEDGER_FEE),
                decimals: 8,
                cycles_per_token: 10_000_000_000_000,
            },
            rate_limits: None,
            storages: None,
        };
        let backend = Canister::install(&devnet, admin(), wasm("backend"), Encode!(&init).unwrap());
        let factory_init = FactoryInitArgs { admins: vec![admin()], backend: Some(backend.id), cycles_per_token: Some(1_000_000_000_000) };
        let factory = Canister::install(&devnet, admin(), wasm("token_factory"), Encode!(&factory_init).unwrap());
        let audit_init = AuditInitArgs { admins: vec![admin()], writers: vec![backend.id] };
        let audit = Canister::install(&devnet, admin(), wasm("audit_storage"), Encode!(&audit_init).unwrap());
        let invoice_init = InvoiceInitArgs { admins: vec![admin()], backend: backend.id };
        let invoices = Canister::install(&devnet, admin(), wasm("invoice_storage"), Encode!(&invoice_init).unwrap());
        let world = World { devnet, ledger, factory, backend, audit, invoices };
        world.admin_ok("set_storages", (Storages { audit: Some(world.audit.id), invoice: Some(world.invoices.id) },));
        world.upload_template(&test_kit::wasm::built_gz("token"));
        world.admin_ok("set_contract_type", (ContractType::Token, token_settings(world.factory.id, true)));
        world
    }

    fn upload_template(&self, module: &[u8]) {
        let begin = TemplateUploadBegin {
            sha256: Sha256::digest(module).to_vec(),
            total_size: module.len() as u64,
            label: "token".into(),
            semver: None,
            release_notes: None,
        };
        let r: Result<(), FactoryError> = self.factory.update(admin(), "template_upload_begin", (begin,));
        r.unwrap();
        for chunk in module.chunks(1_000_000) {
            let r: Result<u64, FactoryError> =
                self.factory.update(admin(), "template_upload_chunk", (serde_bytes::ByteBuf::from(chunk.to_vec()),));
            r.unwrap();
        }
        let r: Result<TemplateInfo, FactoryError> = self.factory.update(admin(), "template_upload_commit", ());
        r.unwrap();
    }

    fn admin_ok<A: candid::utils::ArgumentEncoder>(&self, method: &str, args: A) {
        let r: Result<(), BackendError> = self.backend.update(admin(), method, args);
        r.unwrap_or_else(|e| panic!("{method}: {e:?}"));
    }

    fn balance(&self, who: Principal) -> u64 {
        let n = self.ledger.balance(&Account::of(who));
        u64::try_from(n.0).unwrap()
    }

    fn approve(&self, who: Principal, amount: u64) {
        self.ledger.approve(who, approve_arg(Account::of(self.backend.id), amount)).unwrap();
    }

    fn deploy(&self, who: Principal, request: DeployRequest) -> Result<Principal, DeployError> {
        self.backend.update(who, "deploy", (request,))
    }

    fn status(&self, who: Principal, key: &str) -> DeploymentStatus {
        let s: Option<DeploymentStatus> = self.backend.query_as(who, "get_deployment", (key.to_string(),));
        s.expect("a deployment with this key")
    }

    fn related(&self, who: Principal) -> RelatedCanisters {
        self.backend.query("get_related_canisters", (who,))
    }

    fn owned_tokens(&self, who: Principal) -> u64 {
        let page: TokenPage = self.factory.query("get_my_contracts", (who, 0u64, 10u64));
        page.total
    }

    /// Every audit entry (as an admin), checked against the certified tip.
    fn verified_audit(&self) -> Vec<AuditEntry> {
        self.devnet.tick();
        let mut entries = Vec::new();
        loop {
            let page: Result<AuditPage, AuditError> = self.audit.query_as(admin(), "get_entries", (entries.len() as u64, 100u64));
            let page = page.unwrap();
            let done = page.items.is_empty();
            entries.extend(page.items);
            if done || entries.len() as u64 == page.total {
                break;
            }
        }
        let tip: TipCertificate = self.audit.query("get_tip_certificate", ());
        assert_eq!(tip.length, entries.len() as u64);
        assert!(tip.certificate.is_some(), "a query carries the certificate");
        verify_chain(&entries, &self.devnet.certified_data(self.audit.id)).expect("the chain verifies against the certified tip");
        entries
    }

    fn actions_about(&self, who: Principal) -> Vec<String> {
        self.verified_audit().into_iter().filter(|e| e.event.subjects.contains(&who)).map(|e| e.event.action).collect()
    }

    fn invoice(&self, who: Principal, key: &str) -> Invoice {
        self.devnet.tick();
        let page: InvoicePage = self.invoices.query_as(who, "get_my_invoices", (0u64, 100u64));
        let id = deployment_id(who, key);
        page.items.into_iter().find(|i| i.payment_id == id).expect("an invoice for the deployment")
    }

    /// Runs the timers due after `seconds`.
    fn wait(&self, seconds: u64) {
        self.devnet.advance_time(Duration::from_secs(seconds));
        self.devnet.tick();
    }

    /// Asserts the deployment failed at `step`, the user got the fee back minus the ledger fee (so only
    /// ledger fees were lost), the backend kept nothing and no contract is the user's.
    fn assert_refunded(&self, who: Principal, key: &str, step: FailedStep, result: Result<Principal, DeployError>) {
        match result {
            Err(DeployError::Failed { step: s, refund, .. }) => {
                assert_eq!(s, step);
                assert_eq!(refund.amount, Nat::from(FEE - LEDGER_FEE));
                assert!(matches!(refund.state, RefundState::Refunded { .. }), "{refund:?}");
            }
            other => panic!("expected a refunded failure at {step:?}, got {other:?}"),
        }
        let status = self.status(who, key);
        assert!(matches!(status.outcome, DeployOutcome::Failed { step: s, .. } if s == step));
        assert!(status.steps_done.contains(&DeployStep::Charged));
        assert!(!status.steps_done.contains(&DeployStep::Registered));
        assert_eq!(self.balance(who), FUNDS - 3 * LEDGER_FEE, "approve, charge and refund fees only");
        assert_eq!(self.balance(self.backend.id), 0);
        let pending: Result<DeploymentPage, BackendError> = self.backend.query_as(admin(), "get_pending_refunds", (0u64, 10u64));
        assert_eq!(pending.unwrap().total, 0);
        let invoice = self.invoice(who, key);
        assert_eq!(invoice.status, InvoiceStatus::Refunded);
        assert_eq!(invoice.refund_amount, Some(Nat::from(FEE - LEDGER_FEE)));
        assert!(invoice.refund_block.is_some() && invoice.note.is_some());
        assert_eq!(self.actions_about(who), ["deployment.charged", "deployment.failed", "deployment.refunded"]);
        // Resubmitting returns the first outcome and charges nothing more.
        assert!(matches!(self.deploy(who, request(key, "TST")), Err(DeployError::Failed { .. })));
        assert_eq!(self.balance(who), FUNDS - 3 * LEDGER_FEE);
    }
}

#[test]
fn a_paid_token_deployment_charges_once_creates_the_token_and_registers_the_owner() {
    let w = World::new();
    let alice = user(1);
    w.approve(alice, FEE + LEDGER_FEE);
    let canister = w.deploy(alice, request("req-1", "ALC")).expect("deployed");

    // Payment: the fee moved to the backend, the allowance is used up.
    assert_eq!(w.balance(alice), FUNDS - FEE - 2 * LEDGER_FEE);
    assert_eq!(w.balance(w.backend.id), FEE);
    // (`icrc2_allowance` and `icrc3_get_blocks`, to check the charge's memo and time, are not read here:
    // the ledger's candid fallback decoder reads the method name, which the IC allows only in
    // `canister_inspect_message`, so those queries trap on devnet; reported to the lead.)
    // Status: every step, the outcome, the charge block.
    let status = w.status(alice, "req-1");
    assert_eq!(status.steps_done, vec![DeployStep::Accepted, DeployStep::Charged, DeployStep::ContractCreated, DeployStep::Registered]);
    assert_eq!(status.outcome, DeployOutcome::Succeeded { canister_id: canister });
    assert_eq!(status.canister_id, Some(canister));
    assert!(status.charge_block.is_some());
    assert_eq!(status.refund, None);

    // Ownership at the factory and in the registry.
    let record: Option<TokenRecord> = w.factory.query("get_token", (canister,));
    assert_eq!(record.expect("the factory's record").owner, alice);
    assert_eq!(
        w.related(alice),
        RelatedCanisters {
            groups: vec![RelatedGroup { contract_type: ContractType::Token, role: Role::Owner, canisters: vec![canister] }],
            total: 1
        }
    );
    // The token works: alice holds its initial supply.
    let token = Ledger(Canister::new(&w.devnet, canister));
    assert_eq!(token.balance(&Account::of(alice)), Nat::from(1_000 * E8));

    // The invoice and the audit trail, through the outbox.
    let invoice = w.invoice(alice, "req-1");
    assert_eq!(invoice.status, InvoiceStatus::Completed);
    assert_eq!((invoice.amount.clone(), invoice.canister_id), (Nat::from(FEE), Some(canister)));
    assert_eq!(Some(invoice.charge_block.clone()), status.charge_block);
    assert_eq!(w.actions_about(alice), ["deployment.charged", "deployment.completed"]);
    let mine: AuditPage = w.audit.query_as(alice, "get_my_entries", (0u64, 10u64));
    assert_eq!(mine.total, 2, "alice reads her own entries");
    let all: Result<AuditPage, AuditError> = w.audit.query_as(alice, "get_entries", (0u64, 10u64));
    assert_eq!(all, Err(AuditError::Unauthorized), "but not everyone's");
    let outbox: OutboxStatus = w.backend.query("get_outbox_status", ());
    assert_eq!((outbox.audit_events, outbox.invoices), (0, 0));

    // A resubmission returns the same canister and charges nothing.
    assert_eq!(w.deploy(alice, request("req-1", "ALC")), Ok(canister));
    assert_eq!(w.balance(alice), FUNDS - FEE - 2 * LEDGER_FEE);
    // The same key with another request is refused.
    assert_eq!(w.deploy(alice, request("req-1", "OTHER")), Err(DeployError::RequestKeyConflict));
    // Other users do not see alice's deployment.
    let theirs: Option<DeploymentStatus> = w.backend.query_as(user(2), "get_deployment", ("req-1".to_string(),));
    assert_eq!(theirs, None);
}

#[test]
fn without_allowance_nothing_is_charged_and_the_key_stays_usable() {
    let w = World::new();
    let bob = user(2);
    let r = w.deploy(bob, request("k", "BOB"));
    assert!(matches!(r, Err(DeployError::Payment(PaymentError::InsufficientAllowance { .. }))), "{r:?}");
    assert_eq!(w.balance(bob), FUNDS);
    let none: Option<DeploymentStatus> = w.backend.query_as(bob, "get_deployment", ("k".to_string(),));
    assert_eq!(none, None);
    w.approve(bob, FEE + LEDGER_FEE);
    assert!(w.deploy(bob, request("k", "BOB")).is_ok());
}

#[test]
fn a_stopped_factory_ends_in_a_refund() {
    let w = World::new();
    let u = user(3);
    w.devnet.stop_canister(w.factory.id, admin()).unwrap();
    w.approve(u, FEE + LEDGER_FEE);
    let r = w.deploy(u, request("stopped", "TST"));
    w.assert_refunded(u, "stopped", FailedStep::Factory, r);
}

#[test]
fn a_frozen_factory_ends_in_a_refund() {
    let w = World::new();
    let u = user(4);
    // A freezing threshold beyond its balance freezes the factory: it refuses every call (IC0207).
    #[derive(CandidType)]
    struct Settings {
        freezing_threshold: Option<Nat>,
    }
    #[derive(CandidType)]
    struct UpdateSettings {
        canister_id: Principal,
        settings: Settings,
    }
    let arg = Encode!(&UpdateSettings {
        canister_id: w.factory.id,
        settings: Settings { freezing_threshold: Some(Nat::from(1_000_000_000_000_000u64)) }
    })
    .unwrap();
    w.devnet.management_call(admin(), "update_settings", arg).unwrap();
    w.approve(u, FEE + LEDGER_FEE);
    let r = w.deploy(u, request("frozen", "TST"));
    w.assert_refunded(u, "frozen", FailedStep::Factory, r);
}

/// A module whose only method, `create_token`, executes `unreachable`: a factory that traps.
fn trapping_factory_module() -> Vec<u8> {
    let name = b"canister_update create_token";
    let mut export = vec![1, name.len() as u8];
    export.extend_from_slice(name);
    export.extend_from_slice(&[0, 0]);
    let mut m = b"\0asm\x01\0\0\0".to_vec();
    m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type: () -> ()
    m.extend_from_slice(&[3, 2, 1, 0]); // one function of that type
    m.push(7);
    m.push(export.len() as u8);
    m.extend(export);
    m.extend_from_slice(&[10, 5, 1, 3, 0, 0x00, 0x0b]); // body: unreachable
    m
}

#[test]
fn a_trapping_factory_ends_in_a_refund() {
    let w = World::new();
    let u = user(5);
    w.factory.upgrade(admin(), trapping_factory_module(), vec![]).expect("the trapping module installs");
    w.approve(u, FEE + LEDGER_FEE);
    let r = w.deploy(u, request("trap", "TST"));
    if let Err(DeployError::Failed { reason, .. }) = &r {
        assert!(reason.contains("could not be called"), "{reason}");
    }
    w.assert_refunded(u, "trap", FailedStep::Factory, r);
}

#[test]
fn a_factory_refusal_ends_in_a_refund() {
    let w = World::new();
    let u = user(6);
    // The factory no longer trusts this backend: it answers Unauthorized.
    let r: Result<(), FactoryError> = w.factory.update(admin(), "set_backend", (None::<Principal>,));
    r.unwrap();
    w.approve(u, FEE + LEDGER_FEE);
    let r = w.deploy(u, request("refused", "TST"));
    if let Err(DeployError::Failed { reason, .. }) = &r {
        assert!(reason.contains("Unauthorized"), "{reason}");
    }
    w.assert_refunded(u, "refused", FailedStep::Factory, r);
}

#[test]
fn a_full_registry_ends_in_a_refund() {
    let w = World::new();
    let u = user(7);
    // A second, whitelisted factory (a principal acting as one) fills the user's registry entries.
    let fake_factory = principal(8_890);
    let distribution = ContractTypeSettings { fee: Nat::from(FEE), cycles: 1, enabled: false, factory: Some(fake_factory) };
    w.admin_ok("set_contract_type", (ContractType::Distribution, distribution));
    let max = icto_shared::backend::limits::MAX_RELATIONSHIPS_PER_USER as u64;
    for batch in 0..max / 100 {
        let changes: Vec<RelationshipChange> = (0..100)
            .map(|i| RelationshipChange {
                user: u,
                role: Role::Recipient,
                contract: principal(1_000_000 + batch * 100 + i),
                action: RelationshipAction::Add,
            })
            .collect();
        let r: Result<(), BackendError> = w.backend.update(fake_factory, "report_relationships", (changes,));
        r.unwrap();
    }
    assert_eq!(w.related(u).total as u64, max);
    w.approve(u, FEE + LEDGER_FEE);
    let r = w.deploy(u, request("full", "TST"));
    w.assert_refunded(u, "full", FailedStep::Registry, r);
}

#[test]
fn a_refund_that_fails_stays_pending_and_a_timer_retries_it() {
    let w = World::new();
    let u = user(8);
    let r: Result<(), FactoryError> = w.factory.update(admin(), "set_backend", (None::<Principal>,));
    r.unwrap();
    w.approve(u, FEE + LEDGER_FEE);
    // The factory's refusal is held back while the ledger is stopped, so the first refund fails.
    w.devnet.set_response_fault(w.factory.id, Some(devnet::ResponseFault::Delay(Duration::from_secs(30))));
    let call = w.devnet.submit_call(w.backend.id, u, "deploy", Encode!(&request("pending", "TST")).unwrap()).unwrap();
    w.devnet.tick();
    assert!(w.status(u, "pending").steps_done.contains(&DeployStep::Charged));
    w.devnet.set_response_fault(w.factory.id, None);
    w.devnet.stop_canister(w.ledger.id, test_kit::ledger::controller()).unwrap();
    w.devnet.advance_time(Duration::from_secs(31));
    let reply = w.devnet.await_call(call).expect("deploy replies");
    let r: Result<Principal, DeployError> = candid::decode_one(&reply).unwrap();
    match r {
        Err(DeployError::Failed { step: FailedStep::Factory, refund, .. }) => {
            assert!(matches!(refund.state, RefundState::Pending { attempts: 1, last_error: Some(_), .. }), "{refund:?}")
        }
        other => panic!("expected a pending refund, got {other:?}"),
    }
    let pending: Result<DeploymentPage, BackendError> = w.backend.query_as(admin(), "get_pending_refunds", (0u64, 10u64));
    assert_eq!(pending.unwrap().items[0].request_key, "pending");
    // Not admins: no list.
    let refused: Result<DeploymentPage, BackendError> = w.backend.query_as(u, "get_pending_refunds", (0u64, 10u64));
    assert_eq!(refused, Err(BackendError::Unauthorized));

    // Still down at the next attempt: backoff, still pending.
    w.wait(6);
    assert!(matches!(w.status(u, "pending").refund.unwrap().state, RefundState::Pending { attempts: 2, .. }));
    w.devnet.start_canister(w.ledger.id, test_kit::ledger::controller()).unwrap();
    w.wait(11);
    let refund = w.status(u, "pending").refund.unwrap();
    assert!(matches!(refund.state, RefundState::Refunded { .. }), "{refund:?}");
    assert_eq!(w.balance(u), FUNDS - 3 * LEDGER_FEE);
    assert_eq!(w.balance(w.backend.id), 0);
}

#[test]
fn ten_concurrent_submissions_of_one_key_charge_once_and_make_one_canister() {
    let w = World::new();
    let u = user(9);
    w.approve(u, 10 * (FEE + LEDGER_FEE));
    let arg = Encode!(&request("same", "TEN")).unwrap();
    let calls: Vec<_> = (0..10).map(|_| w.devnet.submit_call(w.backend.id, u, "deploy", arg.clone()).unwrap()).collect();
    let results: Vec<Result<Principal, DeployError>> =
        calls.into_iter().map(|c| candid::decode_one(&w.devnet.await_call(c).expect("replied")).unwrap()).collect();
    let canisters: Vec<Principal> = results.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
    assert_eq!(canisters.len(), 1, "{results:?}");
    for r in &results {
        assert!(r.is_ok() || matches!(r, Err(DeployError::InProgress(_))), "{r:?}");
    }
    assert_eq!(w.balance(u), FUNDS - FEE - 2 * LEDGER_FEE, "charged once");
    assert_eq!(w.owned_tokens(u), 1);
    assert_eq!(w.deploy(u, request("same", "TEN")), Ok(canisters[0]));
}

#[test]
fn rejections_change_nothing() {
    let w = World::new();
    let u = user(10);
    // A direct create_token by anyone but the backend.
    let direct: Result<TokenRecord, FactoryError> =
        w.factory.update(u, "create_token", (CreateTokenArgs { owner: u, config: token_config("DIR") },));
    assert_eq!(direct, Err(FactoryError::Unauthorized));
    let by_admin: Result<TokenRecord, FactoryError> =
        w.factory.update(admin(), "create_token", (CreateTokenArgs { owner: u, config: token_config("DIR") },));
    assert_eq!(by_admin, Err(FactoryError::Unauthorized));
    // A relationship report from a canister (or user) that is not a whitelisted factory.
    let change = RelationshipChange { user: u, role: Role::Owner, contract: w.ledger.id, action: RelationshipAction::Add };
    for caller in [u, w.ledger.id] {
        let report: Result<(), BackendError> = w.backend.update(caller, "report_relationships", (vec![change.clone()],));
        assert_eq!(report, Err(BackendError::Unauthorized));
    }
    // A callback to the factory from a canister it did not deploy (the payment ledger here) or a user.
    let role_change = RoleChange { user: u, role: Role::Owner, action: RelationshipAction::Add };
    for caller in [u, w.ledger.id, w.backend.id] {
        let callback: Result<(), FactoryError> = w.factory.update(caller, "report_relationships", (vec![role_change.clone()],));
        assert_eq!(callback, Err(FactoryError::Unauthorized));
    }
    assert_eq!(w.owned_tokens(u), 0);
    assert_eq!(w.related(u).total, 0);
    // Non-admin config changes.
    let r: Result<(), BackendError> = w.backend.update(u, "set_contract_type", (ContractType::Token, token_settings(u, true)));
    assert_eq!(r, Err(BackendError::Unauthorized));
    let r: Result<(), BackendError> = w.backend.update(u, "set_admins", (vec![u],));
    assert_eq!(r, Err(BackendError::Unauthorized));
    let r: Result<(), BackendError> = w.backend.update(u, "set_rate_limits", (RateLimits::default(),));
    assert_eq!(r, Err(BackendError::Unauthorized));
    let config: BackendConfig = w.backend.query("get_config", ());
    assert_eq!(config.admins, vec![admin()]);
    // Writing to the storages directly is refused, and no endpoint alters history.
    let forged = AuditEvent { actor: u, action: "forged".into(), subjects: vec![u], payload: String::new(), occurred_at: 0 };
    let r: Result<u64, AuditError> = w.audit.update(u, "append", (vec![forged],));
    assert_eq!(r, Err(AuditError::Unauthorized));
    let r: Result<(), InvoiceError> = w.invoices.update(u, "upsert_invoices", (Vec::<Invoice>::new(),));
    assert_eq!(r, Err(InvoiceError::Unauthorized));
    let audit_did = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../audit_storage/audit_storage.did")).unwrap();
    for word in ["delete", "remove", "update_entry", "set_entry", "clear", "truncate"] {
        assert!(!audit_did.contains(word), "the audit storage's interface has no {word}");
    }
    assert_eq!(config.contract_types, vec![(ContractType::Token, token_settings(w.factory.id, true))]);
    // An invalid config is refused before any charge, by the factory's own rules.
    w.approve(u, FEE + LEDGER_FEE);
    let mut bad = request("bad", "X");
    let r = w.deploy(u, bad.clone());
    assert!(matches!(r, Err(DeployError::InvalidConfig(ConfigError::SymbolLength { .. }))), "{r:?}");
    bad.request_key = String::new();
    assert!(matches!(w.deploy(u, bad), Err(DeployError::InvalidRequestKey { .. })));
    // A disabled type is refused, nothing charged.
    w.admin_ok("set_contract_type", (ContractType::Token, token_settings(w.factory.id, false)));
    assert_eq!(w.deploy(u, request("off", "OFF")), Err(DeployError::ContractTypeDisabled(ContractType::Token)));
    assert_eq!(w.balance(u), FUNDS - LEDGER_FEE, "only the approve's fee");
    // The anonymous principal cannot pay.
    let anon = w.deploy(Principal::anonymous(), request("anon", "ANO"));
    assert!(anon.is_err());
}

#[test]
fn rate_limits_refuse_before_the_charge() {
    let w = World::new();
    let u = user(11);
    w.admin_ok("set_rate_limits", (RateLimits { window_seconds: 3_600, per_user: 1, global: 10 },));
    w.approve(u, 2 * (FEE + LEDGER_FEE) + LEDGER_FEE);
    w.deploy(u, request("one", "ONE")).unwrap();
    let r = w.deploy(u, request("two", "TWO"));
    assert!(matches!(r, Err(DeployError::RateLimited { retry_after_seconds }) if retry_after_seconds > 0), "{r:?}");
    assert_eq!(w.balance(u), FUNDS - FEE - 2 * LEDGER_FEE);
}

/// The backend's admins read the whole audit log (the admin console verifies it in the browser): the
/// backend tells the audit storage who they are through its outbox, and a removed admin loses access.
#[test]
fn the_backends_admins_and_only_they_read_the_whole_audit_log() {
    let w = World::new();
    let (carol, stranger) = (user(13), user(14));
    let read = |who: Principal| -> Result<AuditPage, AuditError> { w.audit.query_as(who, "get_entries", (0u64, 10u64)) };
    w.devnet.tick();
    assert_eq!(read(carol).map(|_| ()), Err(AuditError::Unauthorized));

    w.admin_ok("set_admins", (vec![admin(), carol],));
    w.devnet.tick();
    let page = read(carol).expect("a backend admin reads the log");
    let change = page.items.iter().find(|e| e.event.action == "config.set_admins").expect("the change is logged");
    assert_eq!(change.event.payload, format!("{}, {}", admin(), carol), "principals in their text form");
    let readers: Vec<Principal> = w.audit.query("get_readers", ());
    assert_eq!(readers, vec![admin(), carol]);
    assert_eq!(read(stranger).map(|_| ()), Err(AuditError::Unauthorized));
    // Only a writer (the backend) names readers.
    let r: Result<(), AuditError> = w.audit.update(stranger, "set_readers", (vec![stranger],));
    assert_eq!(r, Err(AuditError::Unauthorized));

    w.admin_ok("set_admins", (vec![admin()],));
    w.devnet.tick();
    assert_eq!(read(carol).map(|_| ()), Err(AuditError::Unauthorized), "a removed admin no longer reads");
    w.verified_audit();
}

#[test]
fn an_upgraded_backend_keeps_its_config_deployments_and_registry() {
    let w = World::new();
    let u = user(12);
    w.approve(u, FEE + LEDGER_FEE);
    let canister = w.deploy(u, request("before", "UPG")).unwrap();
    let config: BackendConfig = w.backend.query("get_config", ());
    let related = w.related(u);
    w.backend.upgrade(admin(), wasm("backend"), vec![]).expect("upgrade");
    assert_eq!(w.backend.query::<_, BackendConfig>("get_config", ()), config);
    assert_eq!(w.related(u), related);
    assert_eq!(w.status(u, "before").outcome, DeployOutcome::Succeeded { canister_id: canister });
    assert_eq!(w.deploy(u, request("before", "UPG")), Ok(canister), "idempotency survives the upgrade");
    let mine: DeploymentPage = w.backend.query_as(u, "get_my_deployments", (0u64, 10u64));
    assert_eq!(mine.total, 1);

    // The storages keep their records over an upgrade too; the chain still verifies.
    let entries = w.verified_audit();
    let invoice = w.invoice(u, "before");
    w.audit.upgrade(admin(), wasm("audit_storage"), vec![]).expect("audit upgrade");
    w.invoices.upgrade(admin(), wasm("invoice_storage"), vec![]).expect("invoice upgrade");
    assert_eq!(w.verified_audit(), entries);
    assert_eq!(w.invoice(u, "before"), invoice);
    // And the admin changes were audited.
    assert!(entries.iter().any(|e| e.event.action == "config.set_contract_type" && e.event.actor == admin()));
}

/// What a contract does when someone gains or loses a role at it: it calls its factory back. Here the
/// contract is devnet's probe canister, installed by the factory from a template and paid for through the
/// backend like any token, forwarding `report_relationships` to the factory as a contract would.
#[test]
fn a_contracts_callback_reaches_the_registry_through_its_factory() {
    let w = World::new();
    w.upload_template(&test_kit::wasm::built_gz("devnet-probe"));
    let owner = user(11);
    w.approve(owner, FEE + LEDGER_FEE);
    let contract = w.deploy(owner, request("probe", "PRB")).expect("the factory deploys the probe as a contract");
    let probe = Canister::new(&w.devnet, contract);
    let recipient = user(12);
    let report = |action: RelationshipAction| {
        let change = RoleChange { user: recipient, role: Role::Recipient, action };
        let outcome: ProbeCallOutcome =
            probe.update(owner, "call_raw", (w.factory.id, "report_relationships".to_string(), Encode!(&vec![change]).unwrap()));
        match outcome {
            ProbeCallOutcome::Replied(bytes) => candid::decode_one::<Result<(), FactoryError>>(&bytes).unwrap(),
            ProbeCallOutcome::Rejected { code, message } => panic!("the factory rejected the callback: {code} {message}"),
        }
    };
    let recipients_of = |who: Principal| -> Vec<Principal> {
        w.wait(60);
        w.related(who).groups.into_iter().filter(|g| g.role == Role::Recipient).flat_map(|g| g.canisters).collect()
    };

    assert_eq!(report(RelationshipAction::Add), Ok(()), "a contract of the factory is heard");
    assert_eq!(recipients_of(recipient), vec![contract], "forwarded to the backend's registry");
    assert_eq!(report(RelationshipAction::Remove), Ok(()));
    assert_eq!(recipients_of(recipient), Vec::<Principal>::new(), "and the removal too");
}

/// The probe's `call_raw` reply (devnet/test-canisters/probe).
#[derive(CandidType, serde::Deserialize, Debug)]
enum ProbeCallOutcome {
    Replied(Vec<u8>),
    Rejected { code: u32, message: String },
}
