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

/// Whether `bytes` are all zero: one memcmp against a zero page per 4 KiB (vectorised by libc), where a
/// byte-by-byte scan was most of devnet's time when it persisted its state after each call.
pub fn is_zero(bytes: &[u8]) -> bool {
    static ZERO: [u8; 4096] = [0; 4096];
    bytes.chunks(ZERO.len()).all(|chunk| chunk == &ZERO[..chunk.len()])
}
