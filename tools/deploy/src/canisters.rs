//! Management-canister steps through ic-agent: create (optionally at a specified id) and install.
use anyhow::{anyhow, Context};
use candid::{Encode, Nat, Principal};
use ic_agent::Agent;
use ic_management_canister_types::{
    CanisterIdRecord, CanisterInstallMode, CanisterSettings, InstallCodeArgs, ProvisionalCreateCanisterWithCyclesArgs,
};
use std::path::Path;

const CYCLES_PER_CANISTER: u128 = 100_000_000_000_000;

pub async fn create(agent: &Agent, specified_id: Option<Principal>) -> anyhow::Result<Principal> {
    let me = agent.get_principal().map_err(|e| anyhow!(e))?;
    let args = ProvisionalCreateCanisterWithCyclesArgs {
        amount: Some(Nat::from(CYCLES_PER_CANISTER)),
        settings: Some(CanisterSettings { controllers: Some(vec![me]), ..Default::default() }),
        specified_id,
        sender_canister_version: None,
    };
    let reply = agent
        .update(&Principal::management_canister(), "provisional_create_canister_with_cycles")
        .with_effective_canister_id(specified_id.unwrap_or(Principal::management_canister()))
        .with_arg(Encode!(&args)?)
        .call_and_wait()
        .await
        .context("provisional_create_canister_with_cycles")?;
    Ok(candid::decode_one::<CanisterIdRecord>(&reply)?.canister_id)
}

/// `<dir>/<name>.<ext>` as written by scripts/build-canisters (`ext`: "wasm" or "wasm.gz").
pub fn read_wasm(dir: &Path, name: &str, ext: &str) -> anyhow::Result<Vec<u8>> {
    let path = dir.join(format!("{name}.{ext}"));
    std::fs::read(&path).with_context(|| format!("{} is missing: run scripts/build-canisters {name}", path.display()))
}

pub async fn install(agent: &Agent, canister: Principal, wasm: Vec<u8>, arg: Vec<u8>) -> anyhow::Result<()> {
    let args = InstallCodeArgs {
        mode: CanisterInstallMode::Install,
        canister_id: canister,
        wasm_module: wasm,
        arg,
        sender_canister_version: None,
    };
    agent
        .update(&Principal::management_canister(), "install_code")
        .with_effective_canister_id(canister)
        .with_arg(Encode!(&args)?)
        .call_and_wait()
        .await
        .with_context(|| format!("install_code on {canister}"))?;
    Ok(())
}
