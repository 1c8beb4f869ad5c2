//! Client operations on a running devnet through ic-agent (used by the CLI, tests and the bench).

use anyhow::{anyhow, Context};
use candid::{Encode, IDLArgs, Principal};
use ic_agent::identity::{AnonymousIdentity, BasicIdentity, Secp256k1Identity};
use ic_agent::{Agent, Identity};
use ic_management_canister_types::{
    CanisterIdRecord, CanisterInstallMode, InstallCodeArgs, ProvisionalCreateCanisterWithCyclesArgs,
};
use std::path::Path;

/// An agent for a local devnet: trusts the root key the server reports, and dates its requests by the
/// devnet's clock (which a test may have moved ahead of this machine's).
pub async fn agent(url: &str, identity: Box<dyn Identity>) -> anyhow::Result<Agent> {
    let mut builder = Agent::builder().with_url(url).with_arc_identity(identity.into());
    if let Some(ahead) = devnet_clock_ahead(url).await {
        builder = builder.with_ingress_expiry(DEFAULT_INGRESS_EXPIRY + ahead);
    }
    let agent = builder.build()?;
    agent.fetch_root_key().await.with_context(|| format!("fetching the root key from {url}"))?;
    Ok(agent)
}

/// ic-agent's default.
const DEFAULT_INGRESS_EXPIRY: std::time::Duration = std::time::Duration::from_secs(3 * 60);

/// How far the devnet's clock runs ahead of this machine's (`GET /_/devnet/time`); None when it does
/// not (or the server is not a devnet).
async fn devnet_clock_ahead(url: &str) -> Option<std::time::Duration> {
    let body = reqwest::get(format!("{}/_/devnet/time", url.trim_end_matches('/'))).await.ok()?.text().await.ok()?;
    let devnet: u64 = body.trim().strip_prefix("{\"time_nanos\":")?.strip_suffix('}')?.parse().ok()?;
    let ahead = devnet.checked_sub(crate::auth::wall_clock_nanos())?;
    Some(std::time::Duration::from_nanos(ahead))
}

/// Ed25519 or secp256k1 PEM, or anonymous.
pub fn load_identity(pem: Option<&Path>) -> anyhow::Result<Box<dyn Identity>> {
    let Some(path) = pem else { return Ok(Box::new(AnonymousIdentity)) };
    let text = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if let Ok(identity) = BasicIdentity::from_pem(&text[..]) {
        return Ok(Box::new(identity));
    }
    Secp256k1Identity::from_pem(&text[..])
        .map(|i| Box::new(i) as Box<dyn Identity>)
        .map_err(|e| anyhow!("{} is neither an Ed25519 nor a secp256k1 PEM key: {e}", path.display()))
}

pub async fn create_canister(agent: &Agent, specified_id: Option<Principal>, cycles: Option<u128>) -> anyhow::Result<Principal> {
    let args = ProvisionalCreateCanisterWithCyclesArgs {
        amount: cycles.map(candid::Nat::from),
        settings: None,
        specified_id,
        sender_canister_version: None,
    };
    let effective = specified_id.unwrap_or(Principal::management_canister());
    let reply = agent
        .update(&Principal::management_canister(), "provisional_create_canister_with_cycles")
        .with_effective_canister_id(effective)
        .with_arg(Encode!(&args)?)
        .call_and_wait()
        .await?;
    Ok(candid::decode_one::<CanisterIdRecord>(&reply)?.canister_id)
}

pub async fn install(agent: &Agent, canister: Principal, wasm: Vec<u8>, arg: Vec<u8>, mode: CanisterInstallMode) -> anyhow::Result<()> {
    let args = InstallCodeArgs { mode, canister_id: canister, wasm_module: wasm, arg, sender_canister_version: None };
    agent
        .update(&Principal::management_canister(), "install_code")
        .with_effective_canister_id(canister)
        .with_arg(Encode!(&args)?)
        .call_and_wait()
        .await?;
    Ok(())
}

/// The fields of `canister_status` the CLI prints (Candid decoding skips the others).
#[derive(candid::CandidType, serde::Deserialize)]
struct StatusSummary {
    status: RunStatus,
    module_hash: Option<serde_bytes::ByteBuf>,
    memory_size: candid::Nat,
    cycles: candid::Nat,
    settings: SettingsSummary,
}

#[derive(candid::CandidType, serde::Deserialize)]
struct SettingsSummary {
    controllers: Vec<Principal>,
}

#[derive(candid::CandidType, serde::Deserialize, Debug)]
enum RunStatus {
    #[serde(rename = "running")]
    Running,
    #[serde(rename = "stopping")]
    Stopping,
    #[serde(rename = "stopped")]
    Stopped,
}

/// The canister's status, one field a line (the raw Candid if its shape is unexpected).
pub async fn status(agent: &Agent, canister: Principal) -> anyhow::Result<String> {
    let reply = agent
        .update(&Principal::management_canister(), "canister_status")
        .with_effective_canister_id(canister)
        .with_arg(Encode!(&CanisterIdRecord { canister_id: canister })?)
        .call_and_wait()
        .await?;
    let Ok(summary) = candid::decode_one::<StatusSummary>(&reply) else {
        return Ok(IDLArgs::from_bytes(&reply)?.to_string());
    };
    let controllers: Vec<String> = summary.settings.controllers.iter().map(Principal::to_text).collect();
    Ok(format!(
        "status: {:?}\nmodule hash: {}\ncontrollers: {}\ncycles: {}\nmemory size: {}",
        summary.status,
        summary.module_hash.map(|h| format!("0x{}", hex::encode(h))).unwrap_or_else(|| "none".into()),
        controllers.join(", "),
        summary.cycles,
        summary.memory_size,
    ))
}

/// Calls with Candid text arguments; returns the reply as Candid text.
pub async fn call_text(agent: &Agent, canister: Principal, method: &str, args: &str, query: bool) -> anyhow::Result<String> {
    let arg = candid_text_to_bytes(args)?;
    let reply = if query {
        agent.query(&canister, method).with_arg(arg).call().await?
    } else {
        agent.update(&canister, method).with_arg(arg).call_and_wait().await?
    };
    Ok(IDLArgs::from_bytes(&reply).map(|a| a.to_string()).unwrap_or_else(|_| format!("blob \"{}\"", hex::encode(&reply))))
}

pub fn candid_text_to_bytes(text: &str) -> anyhow::Result<Vec<u8>> {
    let args = candid_parser::parse_idl_args(text).map_err(|e| anyhow!("invalid Candid arguments {text:?}: {e}"))?;
    Ok(args.to_bytes()?)
}
