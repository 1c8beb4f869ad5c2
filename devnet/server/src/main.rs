//! The `devnet` binary: `devnet start` and `devnet canister ...` (see `devnet --help`).

use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = devnet_server::cli::Cli::parse();
    if let Err(e) = devnet_server::cli::run(cli).await {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}
