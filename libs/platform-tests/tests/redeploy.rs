//! Re-running the deploy tool on a platform in use (as `icto-deploy --canister-ids <file>` does) upgrades
//! every canister in place: balances, tokens, payments, the audit trail, the registry and the users'
//! principals all stay as they were, and nothing is created or charged again.

use candid::{Nat, Principal};
use icto_shared::app_config::CanisterIds;
use icto_shared::audit::{AuditError, AuditPage};
use icto_shared::backend::{ContractRequest, DeployError, DeployRequest, RelatedCanisters};
use icto_shared::invoice::InvoicePage;
use icto_shared::token::Account;
use icto_shared::token_factory::{TemplateInfo, TokenPage};
use test_kit::ledger::{approve_arg, Ledger};
use test_kit::{Canister, Platform};

const E8: u64 = 100_000_000;

/// What users and operators see of the platform.
#[derive(Debug, PartialEq)]
struct Observed {
    balances: Vec<Nat>,
    tokens: TokenPage,
    templates: Vec<TemplateInfo>,
    bobs_relations: RelatedCanisters,
    bobs_invoices: InvoicePage,
    audit: AuditPage,
    bobs_coin_balance: Nat,
}

fn observe(p: &Platform, bobs_coin: Principal) -> Observed {
    p.devnet.tick();
    let bob = p.user("bob");
    let audit: Result<AuditPage, AuditError> = p.audit_storage.query_as(p.deployer(), "get_entries", (0u64, 100u64));
    Observed {
        balances: ["alice", "bob", "carol"].iter().map(|u| p.payment_ledger.balance(&Account::of(p.user(u)))).collect(),
        tokens: p.token_factory.query("list_tokens", (0u64, 100u64)),
        templates: p.token_factory.query("list_templates", ()),
        bobs_relations: p.backend.query("get_related_canisters", (bob,)),
        bobs_invoices: p.invoice_storage.query_as(bob, "get_my_invoices", (0u64, 100u64)),
        audit: audit.expect("the deployer is an admin of the audit storage"),
        bobs_coin_balance: Ledger(Canister::new(&p.devnet, bobs_coin)).balance(&Account::of(bob)),
    }
}

fn all_ids(ids: &CanisterIds) -> Vec<Principal> {
    let mut all = vec![ids.payment_ledger, ids.assets, ids.token_factory];
    all.extend([ids.dev_identity, ids.backend, ids.audit_storage, ids.invoice_storage].into_iter().flatten());
    all
}

#[test]
fn a_second_run_upgrades_every_canister_in_place_and_keeps_all_state() {
    let p = Platform::deploy();
    let bob = p.user("bob");
    p.payment_ledger.approve(bob, approve_arg(Account::of(p.backend.id), 2 * E8)).expect("approve");
    let config = test_kit::tokens::simple_config("Bob Coin", "BOB", bob, 500);
    let request = DeployRequest { request_key: "bob-coin".into(), contract: ContractRequest::Token(config) };
    let deployed: Result<Principal, DeployError> = p.backend.update(bob, "deploy", (request,));
    let bobs_coin = deployed.expect("bob's token");

    let ids = p.deployed.config.canisters.clone();
    let before = observe(&p, bobs_coin);
    assert_eq!(before.tokens.total, 2, "alice's demo token and bob's coin");
    assert!(before.audit.total > 0 && before.bobs_invoices.total == 1, "{before:?}");
    let versions: Vec<u64> = all_ids(&ids).iter().map(|id| p.devnet.canister_status(*id, p.deployer()).unwrap().version).collect();
    let canisters = p.devnet.canister_ids().len();

    let again = p.redeploy().expect("the second run");

    assert_eq!(again.config.canisters, ids, "the same canisters");
    assert_eq!(again.demo_token, p.deployed.demo_token, "the demo token is found, not made again");
    assert_eq!(again.users, p.deployed.users, "the users sign in as the same principals");
    assert_eq!(p.devnet.canister_ids().len(), canisters, "nothing was created");
    for (id, version) in all_ids(&ids).iter().zip(versions) {
        let now = p.devnet.canister_status(*id, p.deployer()).unwrap().version;
        assert!(now > version, "{id} was upgraded (version {version} -> {now})");
    }
    let after = observe(&p, bobs_coin);
    // The backend's admin changes made by the second run are audited: the old entries are untouched.
    let audit_before = before.audit.items.clone();
    assert_eq!(after.audit.items[..audit_before.len()], audit_before[..], "the audit trail kept its history");
    assert_eq!(Observed { audit: before.audit.clone(), ..after }, before);
}
