//! Command-line arguments.
use clap::Parser;
use icto_deploy::target::NetworkKind;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(about = "Deploy ICTO (or upgrade an earlier deploy in place) and print the app URL")]
pub struct Args {
    /// The devnet server, e.g. http://127.0.0.1:4943 (a loopback host unless `--network ic`).
    #[arg(long, default_value = "http://127.0.0.1:4943")]
    pub url: String,
    /// `local` (a network on this machine, the development deployer key) or `ic` (needs `--identity`).
    #[arg(long, value_enum, default_value_t = NetworkKind::Local)]
    pub network: NetworkKind,
    /// The operator's identity (PEM) for `--network ic`.
    #[arg(long)]
    pub identity: Option<PathBuf>,
    /// The root key file (DER) the devnet server wrote (local networks; mainnet's key is built in).
    #[arg(long)]
    pub root_key: Option<PathBuf>,
    /// The deployed canisters' ids (JSON). When the file exists, the deploy upgrades those canisters in
    /// place (their state kept) instead of creating new ones; it is written after every deploy.
    #[arg(long)]
    pub canister_ids: Option<PathBuf>,
    /// Go ahead without asking (the IC deploy otherwise asks to confirm the printed plan).
    #[arg(long)]
    pub yes: bool,
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
    /// Also write the deployer's key (PEM, mode 0600) here, to act as the controller with
    /// `devnet canister --identity` (local networks only).
    #[arg(long)]
    pub deployer_pem_out: Option<PathBuf>,
    /// Also write the deployed ids, users and principals as JSON here (used by the e2e tests).
    #[arg(long)]
    pub summary_out: Option<PathBuf>,
}

/// The port of a URL like `http://127.0.0.1:4943`.
pub fn port_of(url: &str) -> anyhow::Result<u16> {
    let authority = url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or("");
    match authority.rsplit_once(':') {
        Some((_, port)) => port.parse().map_err(|_| anyhow::anyhow!("bad port in {url}")),
        None => Ok(if url.starts_with("https") { 443 } else { 80 }),
    }
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
}
