//! devnet: a local Internet Computer for tests and development. Canister wasm runs under wasmtime
//! with the ic0 system API and the IC's execution semantics (atomic executions, inter-canister calls
//! with callbacks, the management canister, timers, certified data).
//!
//! ```no_run
//! use devnet::{Devnet, Principal};
//! let devnet = Devnet::new();
//! let user = Principal::anonymous();
//! let canister = devnet.create_canister(user);
//! devnet.install_code(canister, std::fs::read("counter.wasm").unwrap(), vec![], user).unwrap();
//! let reply: u64 = devnet.update_candid(canister, user, "inc", ()).unwrap();
//! ```
pub mod built_wasm;
pub mod certification;
pub mod clock;
pub mod composite;
pub mod config;
mod devnet;
pub mod execution;
pub mod management;
pub mod persistence;
pub mod runtime;
pub mod scheduler;
pub mod state;
pub mod subnet;
pub mod types;
pub mod wasm;

pub use built_wasm::{built_wasm, built_wasm_gz, built_wasm_path};
pub use candid::Principal;
pub use certification::{Certifier, StateTreeBuilder};
pub use config::{Config, Fees};
pub use devnet::{Devnet, DevnetBuilder};
pub use execution::MANAGEMENT_CANISTER;
pub use management::install::InstallMode;
pub use types::{CanisterRunState, CanisterStatus, ErrorCode, IngressStatus, MessageId, RejectCode, RejectResponse};
pub use wasm::{CanisterMetadata, MetadataVisibility};
