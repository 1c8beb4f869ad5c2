//! Figures for `docs/benchmarks.md`: sequential inter-canister hops on the paid deployment's critical path,
//! the backend's instructions for one paid deployment, `get_related_canisters` instructions for a user
//! with 10 relationships when the registry holds 1k and 1M, and stable bytes per relationship.
//!
//! `scripts/build-canisters token token_factory backend && cargo run -p backend --example gateway_bench`
//! (dev profile: dependencies are optimised, and it reuses the test build).

use candid::{Encode, Nat, Principal};
use icto_shared::backend::*;
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

fn admin() -> Principal {
    principal(9_901)
}

fn world() -> (Arc<Devnet>, Ledger, Canister, Canister) {
    let devnet = Arc::new(Devnet::new());
    let user = principal(9_910);
    let ledger = Ledger::install(
        &devnet,
        InitArgs {
            minting_account: Account::of(admin()),
            fee_collector_account: None,
            transfer_fee: Nat::from(10_000u64),
            decimals: Some(8),
            max_memo_length: Some(32),
            token_symbol: "ICP".into(),
            token_name: "Payment".into(),
            metadata: vec![],
            initial_balances: vec![(Account::of(user), Nat::from(100 * E8))],
            feature_flags: Some(FeatureFlags { icrc2: true }),
            max_transactions_in_window: None,
        },
    );
    let init = BackendInitArgs {
        admins: vec![admin()],
        payment: PaymentSettings { ledger: ledger.id, ledger_fee: Nat::from(10_000u64), decimals: 8, cycles_per_token: 10_000_000_000_000 },
        rate_limits: None,
        storages: None,
    };
    let backend = Canister::install(&devnet, admin(), wasm("backend"), Encode!(&init).unwrap());
    let factory_init = FactoryInitArgs { admins: vec![admin()], backend: Some(backend.id), cycles_per_token: None };
    let factory = Canister::install(&devnet, admin(), wasm("token_factory"), Encode!(&factory_init).unwrap());
    let module = test_kit::wasm::built_gz("token");
    let begin = TemplateUploadBegin { sha256: Sha256::digest(&module).to_vec(), total_size: module.len() as u64, label: "token".into(), semver: None, release_notes: None };
    let _: Result<(), FactoryError> = factory.update(admin(), "template_upload_begin", (begin,));
    let _: Result<u64, FactoryError> = factory.update(admin(), "template_upload_chunk", (serde_bytes::ByteBuf::from(module),));
    let r: Result<TemplateInfo, FactoryError> = factory.update(admin(), "template_upload_commit", ());
    r.unwrap();
    let token = ContractTypeSettings { fee: Nat::from(E8), cycles: 2_000_000_000_000, enabled: true, factory: Some(factory.id) };
    let r: Result<(), BackendError> = backend.update(admin(), "set_contract_type", (ContractType::Token, token));
    r.unwrap();
    (devnet, ledger, factory, backend)
}

fn request(key: &str) -> DeployRequest {
    DeployRequest {
        request_key: key.into(),
        contract: ContractRequest::Token(TokenConfig {
            name: "Bench Token".into(),
            symbol: "BNC".into(),
            decimals: 8,
            transfer_fee: Nat::from(10_000u64),
            logo: None,
            description: None,
            website: None,
            initial_balances: vec![],
            minting_account: None,
            fee_collector: None,
            fixed_supply: None,
        }),
    }
}

/// Every response from the ledger, the factory and the management canister held back for 1,000 s: the
/// number of waits the deployment needs is the number of sequential hops on its critical path.
fn hops_and_instructions() -> (u32, u64) {
    let (devnet, ledger, factory, backend) = world();
    let user = principal(9_910);
    ledger.approve(user, approve_arg(Account::of(backend.id), 2 * E8)).unwrap();
    let delay = Duration::from_secs(1_000);
    for c in [ledger.id, factory.id, Principal::management_canister()] {
        devnet.set_response_fault(c, Some(devnet::ResponseFault::Delay(delay)));
    }
    let call = devnet.submit_call(backend.id, user, "deploy", Encode!(&request("bench")).unwrap()).unwrap();
    let mut hops = 0;
    loop {
        devnet.tick();
        match devnet.ingress_status(&call) {
            Some(devnet::IngressStatus::Replied(bytes)) => {
                let r: Result<Principal, DeployError> = candid::decode_one(&bytes).unwrap();
                r.expect("deployed");
                break;
            }
            Some(devnet::IngressStatus::Rejected(e)) => panic!("deploy rejected: {e:?}"),
            _ => {}
        }
        devnet.advance_time(delay + Duration::from_secs(1));
        hops += 1;
        assert!(hops < 20, "the deployment does not complete");
    }
    let log = devnet.canister_logs(backend.id);
    let line = log.iter().rev().map(|l| String::from_utf8_lossy(&l.content).to_string()).find(|l| l.starts_with("deployed")).expect("the backend logs its cost");
    let instructions = line.split(": ").nth(1).and_then(|s| s.split(' ').next()).and_then(|n| n.parse().ok()).expect("a count");
    (hops, instructions)
}

/// Fills the registry to `total` relationships (10 per user, the measured user among them) and returns
/// the query's instructions for the measured user and the backend's stable memory size.
fn fill_and_measure(devnet: &Devnet, backend: &Canister, reporter: Principal, filled: &mut u64, total: u64, measured: Principal) -> (u64, u64) {
    while *filled < total {
        let changes: Vec<RelationshipChange> = (0..100u64)
            .map(|i| {
                let n = *filled + i;
                let user = if n < 10 { measured } else { principal(1_000_000 + n / 10) };
                RelationshipChange { user, role: Role::Recipient, contract: principal(50_000_000 + n), action: RelationshipAction::Add }
            })
            .collect();
        let r: Result<(), BackendError> = backend.update(reporter, "report_relationships", (changes,));
        r.unwrap();
        *filled += 100;
    }
    let related: RelatedCanisters = backend.query("get_related_canisters", (measured,));
    assert_eq!(related.total, 10);
    let instructions = devnet.last_instructions();
    (instructions, devnet.stable_memory(backend.id).map_or(0, |m| m.len() as u64))
}

fn main() {
    let (hops, instructions) = hops_and_instructions();
    println!("sequential inter-canister hops on the deploy critical path: {hops} (goal <= 5)");
    println!("backend instructions for one paid token deployment (all its messages): {instructions}");

    let (devnet, _ledger, _factory, backend) = world();
    let reporter = principal(9_950);
    let kind = ContractTypeSettings { fee: Nat::from(E8), cycles: 1, enabled: false, factory: Some(reporter) };
    let r: Result<(), BackendError> = backend.update(admin(), "set_contract_type", (ContractType::Distribution, kind));
    r.unwrap();
    let measured = principal(9_960);
    let mut filled = 0;
    let (small, stable_small) = fill_and_measure(&devnet, &backend, reporter, &mut filled, 1_000, measured);
    println!("get_related_canisters, 10 relationships, registry of 1k: {small} instructions");
    let started = std::time::Instant::now();
    let (large, stable_large) = fill_and_measure(&devnet, &backend, reporter, &mut filled, 1_000_000, measured);
    println!("get_related_canisters, 10 relationships, registry of 1M: {large} instructions (ratio {:.2}, goal <= 1.3)", large as f64 / small as f64);
    let per = (stable_large - stable_small) as f64 / (1_000_000.0 - 1_000.0);
    println!("stable bytes per relationship (1k -> 1M, 10 per user, including user ids and counts): {per:.1} (goal <= 100); filling took {:.0?}", started.elapsed());
}
