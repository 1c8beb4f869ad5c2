//! `icto-deploy --url http://127.0.0.1:4943 --root-key <file>`: deploys ICTO to a running devnet (expected
//! fresh), funds the dev identity provider's test users, uploads the app with its config, and prints its URL.
mod app_files;
mod canisters;
mod cli;
mod plan;
mod token_factory;

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = cli::Args::parse();
    let deployed = plan::deploy(&args).await?;
    if let Some(path) = &args.deployer_pem_out {
        std::fs::write(path, plan::deployer_pem())?;
    }
    if let Some(path) = &args.summary_out {
        std::fs::write(path, serde_json::to_string_pretty(&deployed)?)?;
    }
    println!("App: {}", deployed.app_url);
    Ok(())
}
