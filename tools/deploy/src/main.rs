//! `icto-deploy --url http://127.0.0.1:4943 --root-key <file>`: deploys ICTO to a running devnet (expected
//! fresh), funds the dev identity provider's test users, uploads the app with its config, and prints its URL.
//! It refuses a URL off this machine unless `--network ic --identity <pem>` (`target`), and the IC deploy
//! itself is not built yet.
mod cli;

use clap::Parser;
use icto_deploy::agent::{self, AgentNetwork};
use icto_deploy::target::{self, Target};
use icto_deploy::{app_files, private_file, steps};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = cli::Args::parse();
    match target::check(&args.url, args.network, args.identity.as_deref()).map_err(anyhow::Error::msg)? {
        Target::Local => {}
        // The mainnet deployment (cycles from a wallet, no test users) belongs to the backend's issue.
        Target::Ic { .. } => anyhow::bail!("deploying to the IC is not built yet: icto-deploy deploys local networks only"),
    }
    let root_key = std::fs::read(&args.root_key)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", args.root_key.display()))?;
    let net = AgentNetwork::connect(&args.url, root_key)?;
    let options = steps::Options {
        wasm_dir: args.wasm_dir.clone(),
        users: args.users.clone(),
        fund: args.fund,
        app_files: app_files::collect(&args.dist)?,
        gateway_port: cli::port_of(&args.url)?,
    };
    let deployed = steps::deploy(&net, &options).await?;
    if let Some(path) = &args.deployer_pem_out {
        private_file::write(path, agent::deployer_pem().as_bytes())?;
    }
    if let Some(path) = &args.summary_out {
        std::fs::write(path, serde_json::to_string_pretty(&deployed)?)?;
    }
    println!("App: {}", deployed.app_url);
    Ok(())
}
