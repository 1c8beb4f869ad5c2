//! `icto-deploy --url http://127.0.0.1:4943 --root-key <file>`: deploys ICTO to a running devnet, funds
//! the dev identity provider's test users, uploads the app with its config, and prints its URL.
//! `--canister-ids <file>`: when the file exists, the canisters it names are upgraded in place instead.
//! `--network ic --identity <pem>`: deploys to mainnet (no test users, no dev identity provider, ICP and
//! Internet Identity), after printing what it creates and the cycles it needs and asking to confirm.
//! A URL off this machine is refused unless `--network ic` (`target`).
mod cli;

use anyhow::Context;
use clap::Parser;
use icto_deploy::agent::{self, AgentNetwork};
use icto_deploy::steps::Profile;
use icto_deploy::target::{self, Target};
use icto_deploy::{app_files, plan, private_file, steps};
use icto_shared::app_config::CanisterIds;
use std::io::{BufRead, Write};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = cli::Args::parse();
    let target = target::check(&args.url, args.network, args.identity.as_deref()).map_err(anyhow::Error::msg)?;
    let existing: Option<CanisterIds> = match &args.canister_ids {
        Some(path) if path.exists() => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            Some(serde_json::from_str(&text).with_context(|| format!("{} is not a canister ids file", path.display()))?)
        }
        _ => None,
    };
    let (net, profile, users) = match &target {
        Target::Local => {
            let path = args.root_key.as_ref().context("a local network needs --root-key <file> (devnet writes it)")?;
            let root_key = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            (AgentNetwork::connect(&args.url, root_key)?, Profile::Local { gateway_port: cli::port_of(&args.url)? }, args.users.clone())
        }
        Target::Ic { identity } => (AgentNetwork::connect_ic(&args.url, identity)?, Profile::Ic, vec![]),
    };
    let options = steps::Options {
        wasm_dir: args.wasm_dir.clone(),
        users,
        fund: args.fund,
        app_files: app_files::collect(&args.dist)?,
        profile,
    };
    // Every module is read before anything is created, so a missing build fails here and not halfway.
    for name in ["token", "token_factory", "distribution", "distribution_factory", "multisig", "multisig_factory", "backend", "audit_storage", "invoice_storage", "assets", "dev_identity"] {
        options.wasm(name, "wasm")?;
    }
    eprintln!("Deployer: {}", net.deployer_principal());
    eprint!("{}", plan::describe(&options, existing.as_ref()));
    if profile == Profile::Ic && !args.yes && !confirmed()? {
        anyhow::bail!("nothing was done");
    }
    let deployed = steps::deploy(&net, &options, existing).await?;
    if let Some(path) = &args.canister_ids {
        std::fs::write(path, serde_json::to_string_pretty(&deployed.config.canisters)?)?;
    }
    if let Some(path) = &args.deployer_pem_out {
        anyhow::ensure!(profile != Profile::Ic, "--deployer-pem-out is for local networks");
        private_file::write(path, agent::deployer_pem().as_bytes())?;
    }
    if let Some(path) = &args.summary_out {
        std::fs::write(path, serde_json::to_string_pretty(&deployed)?)?;
    }
    println!("App: {}", deployed.app_url);
    Ok(())
}

fn confirmed() -> anyhow::Result<bool> {
    eprint!("Proceed? [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
