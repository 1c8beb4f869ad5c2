//! Command-line arguments.
use clap::Parser;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(about = "Deploy ICTO to a running devnet and print the app URL")]
pub struct Args {
    /// The devnet server, e.g. http://127.0.0.1:4943.
    #[arg(long, default_value = "http://127.0.0.1:4943")]
    pub url: String,
    /// The root key file (DER) the devnet server wrote.
    #[arg(long)]
    pub root_key: PathBuf,
    /// Canister wasm (from scripts/build-canisters).
    #[arg(long, env = "ICTO_WASM_DIR", default_value = "target/canisters")]
    pub wasm_dir: PathBuf,
    /// The app's build directory (from scripts/build-app).
    #[arg(long, default_value = "app/dist")]
    pub dist: PathBuf,
    /// Test users to create and fund on the payment ledger.
    #[arg(long, value_delimiter = ',', default_value = "alice,bob,carol")]
    pub users: Vec<String>,
    /// Payment tokens (whole units) each test user starts with.
    #[arg(long, default_value_t = 1_000)]
    pub fund: u64,
    /// Also write the deployer's key (PEM) here, to act as the controller with `devnet canister --identity`.
    #[arg(long)]
    pub deployer_pem_out: Option<PathBuf>,
    /// Also write the deployed ids, users and principals as JSON here (used by the e2e tests).
    #[arg(long)]
    pub summary_out: Option<PathBuf>,
}
