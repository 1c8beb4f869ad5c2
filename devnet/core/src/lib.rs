//! devnet: a local Internet Computer for tests and development. Canister wasm runs under wasmtime
//! with the ic0 system API and the IC's execution semantics (atomic executions, inter-canister calls
//! with callbacks, bounded-wait calls, the management canister, cycles, timers, certified data).
//!
//! ```no_run
//! use devnet::{Devnet, Principal};
//! let devnet = Devnet::new();
//! let user = Principal::anonymous();
//! let canister = devnet.create_canister(user);
//! devnet.install_code(canister, std::fs::read("counter.wasm").unwrap(), vec![], user).unwrap();
//! let reply: u64 = devnet.update_candid(canister, user, "inc", ()).unwrap();
//! ```
mod bounded_wait;
pub mod certification;
mod clock;
mod composite;
pub mod config;
pub mod cycles;
mod devnet;
mod execution;
mod ingress;
mod management;
pub mod persistence;
mod resource_charges;
mod runtime;
mod scheduler;
mod state;
mod subnet;
mod types;
mod wasm;

pub use candid::Principal;
pub use certification::{Certifier, StateTreeBuilder};
pub use clock::DEFAULT_START_NANOS;
pub use config::{Config, Fees};
pub use devnet::{Devnet, DevnetBuilder, DryRun, DryRunOf};
pub use execution::MANAGEMENT_CANISTER;
pub use management::install::InstallMode;
pub use state::LogRecord;
pub use subnet::ResponseFault;
pub use types::{CanisterRunState, CanisterStatus, ErrorCode, IngressStatus, MessageId, RejectCode, RejectResponse};
pub use wasm::{CanisterMetadata, MetadataVisibility};

/// How many rollbacks had to re-instantiate a module because its memory grew (process-wide).
pub fn rollback_rebuild_count() -> u64 {
    runtime::instance::rebuild_count()
}

/// Makes the process-wide wasmtime engine now rather than on first use (benchmarks).
pub fn warm_up_engine() {
    let _ = runtime::engine::engine();
}
