//! The platform as the deploy tool wires it, on one devnet for the whole file: the identity provider's
//! users are the ledger's funded accounts, users pay the backend for tokens the factory makes (and
//! only the backend may ask it), and the assets canister serves the app's config naming every canister.

use candid::{Nat, Principal};
use ic_http_certification::{HttpRequest, HttpResponse};
use icto_shared::app_config::AppConfig;
use icto_shared::dev_identity::DevIdentityError;
use icto_shared::token::Account;
use icto_shared::token_factory::{CreateTokenArgs, FactoryError, FactorySettings, TokenPage, TokenRecord};
use std::sync::OnceLock;
use icto_shared::backend::{BackendConfig, ContractRequest, DeployError, DeployRequest, RelatedCanisters};
use icto_shared::contract::ContractType;
use icto_shared::role::Role;
use test_kit::ledger::{approve_arg, transfer_arg, Ledger};
use test_kit::platform::{FUND, GATEWAY_PORT, USERS};
use test_kit::{Canister, Platform};

fn platform() -> &'static Platform {
    static PLATFORM: OnceLock<Platform> = OnceLock::new();
    PLATFORM.get_or_init(Platform::deploy)
}

const E8: u64 = 100_000_000;

#[test]
fn the_identity_providers_users_are_the_funded_accounts() {
    let p = platform();
    let origin = format!("http://{}.localhost:{GATEWAY_PORT}", p.assets.id);
    for name in USERS {
        let principal: Result<Principal, DevIdentityError> =
            p.dev_identity.query("user_principal", (name.to_string(), origin.clone()));
        assert_eq!(principal, Ok(p.user(name)), "{name} signs in as the deployed principal");
    }
    // carol is untouched by the other tests of this file.
    assert_eq!(p.payment_ledger.balance(&Account::of(p.user("carol"))), Nat::from(FUND * E8));
}

#[test]
fn the_demo_token_is_alices_and_works() {
    let p = platform();
    let alice = p.user("alice");
    let mine: TokenPage = p.token_factory.query("get_my_contracts", (alice, 0u64, 10u64));
    assert_eq!(mine.total, 1);
    let demo = &mine.items[0];
    assert_eq!(Some(demo), p.deployed.demo_token.as_ref());
    assert_eq!((demo.symbol.as_str(), demo.owner), ("ADEMO", alice));
    let token = Ledger(Canister::new(&p.devnet, demo.canister_id));
    assert_eq!(token.balance(&Account::of(alice)), Nat::from(1_000_000 * E8));
    assert_eq!(p.devnet.controllers(demo.canister_id), vec![p.token_factory.id], "the factory alone controls it");
}

#[test]
fn bob_pays_the_backend_for_a_token_he_owns_and_uses() {
    let p = platform();
    let bob = p.user("bob");
    let config = test_kit::tokens::simple_config("Bob Coin", "BOB", bob, 500);
    // Nobody but the backend creates at the factory, not even the deployer.
    let args = CreateTokenArgs { owner: bob, config: config.clone() };
    for caller in [bob, p.deployer()] {
        let refused: Result<TokenRecord, FactoryError> = p.token_factory.update(caller, "create_token", (args.clone(),));
        assert_eq!(refused, Err(FactoryError::Unauthorized));
    }
    let settings: FactorySettings = p.token_factory.query("get_settings", ());
    assert_eq!(settings.backend, Some(p.backend.id));

    let backend_config: BackendConfig = p.backend.query("get_config", ());
    let (_, token_type) = backend_config.contract_types.iter().find(|(t, _)| *t == ContractType::Token).expect("token type");
    assert_eq!(token_type.factory, Some(p.token_factory.id));
    let fee = token_type.fee.clone();
    let before = p.payment_ledger.balance(&Account::of(bob));
    p.payment_ledger.approve(bob, approve_arg(Account::of(p.backend.id), 2 * E8)).expect("approve");
    let request = DeployRequest { request_key: "bob-coin".into(), contract: ContractRequest::Token(config) };
    let deployed: Result<Principal, DeployError> = p.backend.update(bob, "deploy", (request,));
    let canister = deployed.expect("deployed");
    assert_eq!(p.payment_ledger.balance(&Account::of(bob)), before - fee - Nat::from(2 * 10_000u64));
    let related: RelatedCanisters = p.backend.query("get_related_canisters", (bob,));
    assert!(related.groups.iter().any(|g| g.role == Role::Owner && g.canisters.contains(&canister)));

    let token = Ledger(Canister::new(&p.devnet, canister));
    token.transfer(bob, transfer_arg(Account::of(p.user("alice")), 7 * E8)).expect("bob sends");
    assert_eq!(token.balance(&Account::of(bob)), Nat::from(500 * E8 - 7 * E8 - 10_000));
    let bobs: TokenPage = p.token_factory.query("get_my_contracts", (bob, 0u64, 10u64));
    assert_eq!(bobs.items.iter().map(|t| t.canister_id).collect::<Vec<_>>(), vec![canister]);
}

#[test]
fn the_app_config_served_names_every_canister() {
    let p = platform();
    let request = HttpRequest::get("/config.json").build();
    let response: HttpResponse = p.assets.query("http_request", (request,));
    assert_eq!(response.status_code().as_u16(), 200);
    let config: AppConfig = serde_json::from_slice(response.body()).expect("config.json");
    assert_eq!(config, p.deployed.config);
    assert_eq!(config.canisters.payment_ledger, p.payment_ledger.id);
    assert_eq!(config.canisters.token_factory, p.token_factory.id);
    assert_eq!(config.canisters.dev_identity, Some(p.dev_identity.id));
    assert_eq!(config.canisters.backend, Some(p.backend.id));
    assert_eq!(config.identity_provider_url, format!("http://{}.localhost:{GATEWAY_PORT}/", p.dev_identity.id));
}
