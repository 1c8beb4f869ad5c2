//! The `devnet` command line: `start` runs a server; `canister ...` talks to a running one through
//! the IC HTTP interface with an identity, as dfx does.

pub mod client;
mod commands;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "devnet", about = "A local Internet Computer: IC HTTP interface, HTTP gateway, persistent state")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Starts a devnet server on 127.0.0.1 (real time: timers fire, time advances).
    Start {
        #[arg(long, default_value_t = 4943)]
        port: u16,
        /// Keep canisters, their memory, time and ids here across restarts.
        #[arg(long)]
        state: Option<PathBuf>,
        /// Also write the root key (DER) to this file.
        #[arg(long)]
        root_key_out: Option<PathBuf>,
    },
    /// Manages canisters on a running devnet.
    Canister {
        /// The devnet's URL.
        #[arg(long, global = true, default_value = "http://127.0.0.1:4943")]
        url: String,
        /// PEM file of the identity to act as (Ed25519 or secp256k1); anonymous if absent.
        #[arg(long, global = true)]
        identity: Option<PathBuf>,
        #[command(subcommand)]
        action: CanisterAction,
    },
}

#[derive(Subcommand, Debug)]
pub enum CanisterAction {
    /// Creates a canister (provisional_create_canister_with_cycles) and prints its id.
    Create {
        /// Request this canister id (a well-known id).
        #[arg(long)]
        specified_id: Option<String>,
        #[arg(long)]
        cycles: Option<u128>,
    },
    /// Installs a wasm module (raw or gzipped).
    Install {
        canister: String,
        wasm: PathBuf,
        /// Init argument in Candid text, e.g. `(record { name = "x" })`.
        #[arg(long)]
        arg: Option<String>,
        #[arg(long, default_value = "install", value_parser = ["install", "reinstall", "upgrade"])]
        mode: String,
    },
    /// Upgrades a canister to a new wasm module.
    Upgrade {
        canister: String,
        wasm: PathBuf,
        #[arg(long)]
        arg: Option<String>,
    },
    /// Calls a method with Candid text arguments and prints the reply as Candid text.
    Call {
        canister: String,
        method: String,
        /// Candid text, e.g. `(42, "x")`; default `()`.
        args: Option<String>,
        /// Make a query call instead of an update call.
        #[arg(long)]
        query: bool,
    },
    /// Prints the canister's status (management canister `canister_status`).
    Status { canister: String },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Start { port, state, root_key_out } => commands::start(port, state, root_key_out).await,
        Command::Canister { url, identity, action } => commands::canister(&url, identity.as_deref(), action).await,
    }
}
