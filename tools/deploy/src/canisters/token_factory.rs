//! The token factory: the token ledger as its template (uploaded in chunks), the backend gateway as the
//! only caller that creates tokens, and a demo token the first test user pays for through the backend
//! (signed in as the app signs them in), so the token list shows a factory-made token from the start.

use super::templates::Factory;
use crate::network::{self, Network, SignedInUser};
use icto_shared::backend::{BackendConfig, ContractRequest, DeployError, DeployRequest};
use icto_shared::contract::ContractType;
use icto_shared::token::{ApproveArgs, ApproveError};
use crate::steps::{Deployment, Options};
use anyhow::anyhow;
use candid::{Encode, Nat, Principal};
use icto_shared::token::Account;
use icto_shared::token_factory::limits::MAX_CHUNK_BYTES;
use icto_shared::token_factory::{FactoryError, FactoryInitArgs, TokenConfig, TokenPage, TokenRecord};

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let factory = d.ids.token_factory;
    let init = FactoryInitArgs { admins: vec![d.deployer], backend: Some(d.backend()), cycles_per_token: None };
    d.put_code(net, factory, options.wasm("token_factory", "wasm")?, Encode!(&init)?, Encode!()?).await?;
    // Gzipped: the factory installs the template as it is; uploaded only when it changed.
    let template = options.wasm("token", "wasm.gz")?;
    Factory::<FactoryError>::new(factory, "token factory").ensure_template(net, &template, "token", MAX_CHUNK_BYTES).await?;
    if let Some(first) = d.users.first() {
        let name = format!("{} Demo Token", capitalised(&first.name));
        let symbol = format!("{}DEMO", first.name.chars().next().unwrap_or('X').to_ascii_uppercase());
        let user = SignedInUser {
            dev_identity: d.dev_identity(),
            origin: options.gateway_origin(d.ids.assets),
            name: first.name.clone(),
            principal: first.principal,
        };
        let token = match existing_token(net, factory, first.principal, &symbol).await? {
            Some(token) => token,
            None => create_demo_token(net, d.backend(), factory, &user, &name, &symbol).await?,
        };
        eprintln!("demo token {} ({}) is {}'s", token.canister_id, token.symbol, first.name);
        d.demo_token = Some(token);
    }
    Ok(())
}

/// `owner`'s token with `symbol`, if the factory made one (a re-run finds the demo token of the first).
async fn existing_token<N: Network>(net: &N, factory: Principal, owner: Principal, symbol: &str) -> anyhow::Result<Option<TokenRecord>> {
    let (page,): (TokenPage,) = network::query(net, factory, "get_my_contracts", (owner, 0u64, 100u64)).await?;
    Ok(page.items.into_iter().find(|t| t.symbol == symbol))
}

/// A small SVG logo as a data URL: a coloured disc with the symbol's first letter.
fn demo_logo(letter: char, colour: &str) -> String {
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><circle cx='32' cy='32' r='32' fill='{colour}'/>\
         <text x='32' y='42' font-size='30' text-anchor='middle' fill='white' font-family='sans-serif'>{letter}</text></svg>"
    );
    use base64::Engine;
    format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg))
}

/// `user` approves the backend for the fee and deploys a token through it; they own it and hold its
/// whole initial supply.
pub async fn create_demo_token<N: Network>(
    net: &N,
    backend: Principal,
    factory: Principal,
    user: &SignedInUser,
    name: &str,
    symbol: &str,
) -> anyhow::Result<TokenRecord> {
    let owner = user.principal;
    let decimals = 8u8;
    let supply = Nat::from(1_000_000u64) * Nat::from(10u64.pow(decimals as u32));
    let config = TokenConfig {
        name: name.to_string(),
        symbol: symbol.to_string(),
        decimals,
        transfer_fee: Nat::from(10_000u64),
        logo: Some(demo_logo(symbol.chars().next().unwrap_or('T'), "#4f46e5")),
        description: Some(format!("A demo token created by the local deploy for {owner}.")),
        website: None,
        initial_balances: vec![(Account::of(owner), supply)],
        minting_account: None,
        fee_collector: None,
        fixed_supply: None,
    };
    let (config_now,): (BackendConfig,) = network::query(net, backend, "get_config", ()).await?;
    let fee = config_now
        .contract_types
        .iter()
        .find(|(t, _)| *t == ContractType::Token)
        .map(|(_, s)| s.fee.clone())
        .ok_or_else(|| anyhow!("the backend has no token fee"))?;
    let approve = ApproveArgs {
        from_subaccount: None,
        spender: Account::of(backend),
        amount: fee + config_now.payment.ledger_fee.clone(),
        expected_allowance: None,
        expires_at: None,
        fee: None,
        memo: None,
        created_at_time: None,
    };
    let (approved,): (Result<Nat, ApproveError>,) =
        network::update_as(net, user, config_now.payment.ledger, "icrc2_approve", (approve,)).await?;
    approved.map_err(|e| anyhow!("{} approving the fee: {e:?}", user.name))?;
    let request = DeployRequest { request_key: format!("demo-token-{symbol}"), contract: ContractRequest::Token(config) };
    let (deployed,): (Result<Principal, DeployError>,) = network::update_as(net, user, backend, "deploy", (request,)).await?;
    let canister = deployed.map_err(|e| anyhow!("deploying the demo token: {e:?}"))?;
    let (record,): (Option<TokenRecord>,) = network::query(net, factory, "get_token", (canister,)).await?;
    record.ok_or_else(|| anyhow!("the factory has no record of {canister}"))
}

pub fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[test]
fn capitalises_names() {
    assert_eq!([capitalised("alice"), capitalised("")], ["Alice", ""]);
}
