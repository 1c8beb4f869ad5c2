//! The CLI commands' bodies.

use super::client;
use super::CanisterAction;
use crate::launch::{launch, LaunchConfig};
use anyhow::Context;
use candid::Principal;
use ic_management_canister_types::{CanisterInstallMode, UpgradeFlags};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub async fn start(port: u16, state: Option<PathBuf>, root_key_out: Option<PathBuf>) -> anyhow::Result<()> {
    let started = Instant::now();
    let launched = launch(LaunchConfig { port, state_dir: state.clone(), root_key_out }).await?;
    println!("devnet listening on {}", launched.server.url());
    println!("root key (DER): {}", launched.root_key_path.display());
    match &state {
        Some(dir) => println!("state: {}", dir.display()),
        None => println!("state: in memory (use --state DIR to keep it)"),
    }
    println!("ready in {} ms", started.elapsed().as_millis());
    wait_for_stop_signal().await;
    println!("devnet: stopping");
    launched.stop().await
}

async fn wait_for_stop_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut terminate = signal(SignalKind::terminate()).expect("installing a SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}

pub async fn canister(url: &str, identity: Option<&Path>, action: CanisterAction) -> anyhow::Result<()> {
    let agent = client::agent(url, client::load_identity(identity)?).await?;
    match action {
        CanisterAction::Create { specified_id, cycles } => {
            let specified = specified_id.as_deref().map(parse_principal).transpose()?;
            println!("{}", client::create_canister(&agent, specified, cycles).await?);
        }
        CanisterAction::Install { canister, wasm, arg, mode } => {
            let mode = match mode.as_str() {
                "reinstall" => CanisterInstallMode::Reinstall,
                "upgrade" => CanisterInstallMode::Upgrade(None),
                _ => CanisterInstallMode::Install,
            };
            install(&agent, &canister, &wasm, arg.as_deref(), mode).await?;
        }
        CanisterAction::Upgrade { canister, wasm, arg } => {
            let flags = UpgradeFlags { skip_pre_upgrade: None, wasm_memory_persistence: None };
            install(&agent, &canister, &wasm, arg.as_deref(), CanisterInstallMode::Upgrade(Some(flags))).await?;
        }
        CanisterAction::Call { canister, method, args, query } => {
            let reply =
                client::call_text(&agent, parse_principal(&canister)?, &method, args.as_deref().unwrap_or("()"), query).await?;
            println!("{reply}");
        }
        CanisterAction::Status { canister } => println!("{}", client::status(&agent, parse_principal(&canister)?).await?),
    }
    Ok(())
}

async fn install(agent: &ic_agent::Agent, canister: &str, wasm: &Path, arg: Option<&str>, mode: CanisterInstallMode) -> anyhow::Result<()> {
    let module = std::fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let arg = client::candid_text_to_bytes(arg.unwrap_or("()"))?;
    client::install(agent, parse_principal(canister)?, module, arg, mode).await?;
    println!("installed {} on {canister}", wasm.display());
    Ok(())
}

fn parse_principal(text: &str) -> anyhow::Result<Principal> {
    Principal::from_text(text).with_context(|| format!("{text:?} is not a principal"))
}
