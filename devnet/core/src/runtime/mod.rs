//! Wasm execution: the wasmtime engine and module cache, the ic0 system API (with the spec's
//! availability table and the replica's instruction charges), stable memory and the per-canister
//! instance with snapshot/rollback.
pub mod api_spec;
pub mod context;
pub mod engine;
pub mod instance;
pub mod limits;
pub mod stable;
pub mod system_api;

pub use context::{Call, EntryKind, ExecContext};
pub use engine::{compile_module, CompiledModule};
pub use instance::{CanisterInstance, Entry, ExecOutcome, ExecResult};
pub use stable::StableMemory;
