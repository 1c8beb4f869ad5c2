//! The deploy sequence. Canisters are created first because the app's origin (from the assets canister id)
//! decides the test users' principals, which the payment ledger is initialised with.
use anyhow::{anyhow, Context};
use candid::{Encode, Nat, Principal};
use ic_agent::identity::BasicIdentity;
use ic_agent::Agent;
use icto_shared::app_config::{AppConfig, CanisterIds};
use icto_shared::factory::FactoryInitArgs;
use icto_shared::token::{Account, FeatureFlags, InitArgs, LedgerArg};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::cli::Args;
use crate::{app_files, canisters, token_factory};

/// The ICP ledger's mainnet id: the payment token sits where wallets expect ICP.
pub const PAYMENT_LEDGER_ID: &str = "ryjl3-tyaaa-aaaaa-aaaba-cai";
const PAYMENT_DECIMALS: u8 = 8;
const PAYMENT_FEE: u64 = 10_000;

#[derive(Serialize, Debug)]
pub struct TestUser {
    pub name: String,
    pub principal: Principal,
}

#[derive(Serialize, Debug)]
pub struct Deployed {
    pub app_url: String,
    pub app_origin: String,
    pub identity_provider_url: String,
    pub config: AppConfig,
    pub users: Vec<TestUser>,
    pub deployer: Principal,
}

/// A fixed development key: the deployer controls every canister it creates on the local devnet.
fn deployer_secret() -> [u8; 32] {
    Sha256::digest(b"icto-devnet-deployer").into()
}

fn deployer_identity() -> BasicIdentity {
    BasicIdentity::from_raw_key(&deployer_secret())
}

/// The deployer's key as a PKCS#8 PEM, the form dfx and `devnet canister --identity` read.
pub fn deployer_pem() -> String {
    use base64::Engine;
    // PKCS#8 v1 for Ed25519 is this fixed prefix followed by the 32-byte seed (RFC 8410).
    let mut der = vec![0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
    der.extend_from_slice(&deployer_secret());
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    format!("-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n")
}

fn port_of(url: &str) -> anyhow::Result<u16> {
    let authority = url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or("");
    match authority.rsplit_once(':') {
        Some((_, port)) => port.parse().with_context(|| format!("bad port in {url}")),
        None => Ok(if url.starts_with("https") { 443 } else { 80 }),
    }
}

fn gateway_origin(canister: Principal, port: u16) -> String {
    format!("http://{canister}.localhost:{port}")
}

async fn user_principals(agent: &Agent, dev_identity: Principal, names: &[String], origin: &str) -> anyhow::Result<Vec<TestUser>> {
    let mut users = Vec::new();
    for name in names {
        let reply = agent.update(&dev_identity, "add_user").with_arg(Encode!(name)?).call_and_wait().await?;
        candid::decode_one::<Result<(), candid::Reserved>>(&reply)?.map_err(|_| anyhow!("bad user name {name}"))?;
        let reply = agent
            .query(&dev_identity, "user_principal")
            .with_arg(Encode!(name, &origin.to_string())?)
            .call()
            .await?;
        let principal = candid::decode_one::<Result<Principal, candid::Reserved>>(&reply)?
            .map_err(|_| anyhow!("no principal for {name}"))?;
        users.push(TestUser { name: name.clone(), principal });
    }
    Ok(users)
}

fn payment_ledger_init(minter: Principal, users: &[TestUser], whole_units: u64) -> anyhow::Result<Vec<u8>> {
    let amount = Nat::from(whole_units) * Nat::from(10u64.pow(PAYMENT_DECIMALS as u32));
    let init = InitArgs {
        minting_account: Account::of(minter),
        fee_collector_account: None,
        transfer_fee: Nat::from(PAYMENT_FEE),
        decimals: Some(PAYMENT_DECIMALS),
        max_memo_length: Some(32),
        token_symbol: "ICP".into(),
        token_name: "Internet Computer (devnet)".into(),
        metadata: vec![],
        initial_balances: users.iter().map(|u| (Account::of(u.principal), amount.clone())).collect(),
        feature_flags: Some(FeatureFlags { icrc2: true }),
        max_transactions_in_window: None,
    };
    Ok(Encode!(&LedgerArg::Init(init))?)
}

pub async fn deploy(args: &Args) -> anyhow::Result<Deployed> {
    let root_key = std::fs::read(&args.root_key).with_context(|| format!("reading {}", args.root_key.display()))?;
    let agent = Agent::builder().with_url(args.url.clone()).with_identity(deployer_identity()).build()?;
    agent.set_root_key(root_key);
    let deployer = agent.get_principal().map_err(|e| anyhow!(e))?;
    let port = port_of(&args.url)?;

    let payment_ledger = Principal::from_text(PAYMENT_LEDGER_ID)?;
    canisters::create(&agent, Some(payment_ledger)).await.context("creating the payment ledger")?;
    let dev_identity = canisters::create(&agent, None).await?;
    let assets = canisters::create(&agent, None).await?;
    let token_factory = canisters::create(&agent, None).await?;
    eprintln!("created: payment ledger {payment_ledger}, dev identity {dev_identity}, assets {assets}, factory {token_factory}");

    let wasm = |name| canisters::read_wasm(&args.wasm_dir, name, "wasm");
    canisters::install(&agent, dev_identity, wasm("dev_identity")?, Encode!(&None::<()>)?).await?;
    let app_origin = gateway_origin(assets, port);
    let users = user_principals(&agent, dev_identity, &args.users, &app_origin).await?;

    let ledger_arg = payment_ledger_init(deployer, &users, args.fund)?;
    canisters::install(&agent, payment_ledger, wasm("token")?, ledger_arg).await?;
    let factory_arg = FactoryInitArgs { admins: vec![deployer], backend: None, cycles_per_token: None };
    canisters::install(&agent, token_factory, wasm("token_factory")?, Encode!(&factory_arg)?).await?;
    canisters::install(&agent, assets, wasm("assets")?, Encode!()?).await?;

    let template = canisters::read_wasm(&args.wasm_dir, "token", "wasm.gz")?;
    let info = token_factory::upload_template(&agent, token_factory, &template, "token (local build)").await?;
    eprintln!("token template v{} uploaded ({} bytes)", info.version, info.size);
    // Until the backend gateway canister exists, the deployer stands in for it locally.
    token_factory::set_backend(&agent, token_factory, deployer).await?;
    if let Some(first) = users.first() {
        let name = format!("{} Demo Token", capitalised(&first.name));
        let symbol = format!("{}DEMO", first.name.chars().next().unwrap_or('X').to_ascii_uppercase());
        let token = token_factory::create_demo_token(&agent, token_factory, first.principal, &name, &symbol).await?;
        eprintln!("demo token {} ({}) created for {}", token.canister_id, token.symbol, first.name);
    }

    let identity_provider_url = format!("{}/", gateway_origin(dev_identity, port));
    let config = AppConfig {
        // The devnet server answers the IC API on every host, so the app calls its own origin (no CORS).
        network_url: app_origin.clone(),
        fetch_root_key: true,
        identity_provider_url: identity_provider_url.clone(),
        canisters: CanisterIds { token_factory, payment_ledger, assets, dev_identity: Some(dev_identity) },
    };
    let mut files = app_files::collect(&args.dist)?;
    files.retain(|(path, _)| path != "/config.json");
    files.push(("/config.json".into(), serde_json::to_vec_pretty(&config)?));
    let summary = app_files::upload(&agent, assets, &files).await?;
    eprintln!("uploaded {} files to {assets}", summary.files);

    Ok(Deployed { app_url: format!("{app_origin}/"), app_origin, identity_provider_url, config, users, deployer })
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_port() {
        assert_eq!(port_of("http://127.0.0.1:4943").unwrap(), 4943);
        assert_eq!(port_of("http://localhost:8080/").unwrap(), 8080);
        assert_eq!(port_of("http://example.org").unwrap(), 80);
    }

    #[test]
    fn the_deployer_pem_reads_back_as_the_deployer() {
        use ic_agent::Identity;
        let from_pem = BasicIdentity::from_pem(deployer_pem().as_bytes()).expect("a PKCS#8 Ed25519 PEM");
        assert_eq!(from_pem.sender().unwrap(), deployer_identity().sender().unwrap());
    }

    #[test]
    fn capitalises_names() {
        assert_eq!(capitalised("alice"), "Alice");
        assert_eq!(capitalised(""), "");
    }
}
