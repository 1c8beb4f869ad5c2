//! The canister kit: what every ICTO canister and factory shares, so each new canister is its domain
//! logic only. See `canisters/README.md` for the crate template that uses it.
//!
//! - `update`, `query`: endpoint attributes (ic-cdk's, with quota-bounded argument decoding).
//! - `context`: `CallContext` (caller, time, self id, cycles), read once per endpoint.
//! - `memory`: the canister's one `MemoryManager`; a canister's `memory.rs` lists only its `MemoryId`s.
//! - `storable`: `Candid<T>` and `BoundedCandid<T, MAX>` for stable structures.
//! - `stable_value`: one value in stable memory (a canister's settings), changed by a closure.
//! - `pagination`: `PageRequest` (limit capped) and `Page<T>`.
//! - `role_index`: (user, role, contract) with paged lookups by user and by user and role.
//! - `contracts`: a factory's deployed contracts: records by id, the public list by position, the role
//!   index and each contract's code changes (`ContractRecords`, named by a `Contracts` handle).
//! - `outbox`: a durable, ordered queue of Candid items in stable memory, delivered in batches by the
//!   canister's timer and retried with backoff until acknowledged (used by the two below).
//! - `relationships`: the factory side of the registry: callbacks only from deployed contracts, and a
//!   `Forwarder` sending relationship changes to the backend through an outbox.
//! - `factory`: the admin side every factory shares (access, settings, template upload, upgrade direction)
//!   over the factory's own stored settings and typed error (`impl Factory for <marker>`).
//! - `factory_reports`: the contract side of the registry: a durable outbox of `RoleChange`s sent to the
//!   contract's factory by a timer, in order, in batches, retried with backoff until acknowledged.
//! - `templates`: wasm templates uploaded in chunks with SHA-256 and size checks, versioned.
//! - `deploy`: create/install/upgrade/reinstall contract canisters (chunked above one message), history
//!   and rollback, cycles reserved for deploys in flight, spare canisters kept from failed installs.
//! - `cycles_watch`: keeps deployed contracts above a threshold of cycles from the factory's balance
//!   (timer-driven passes in batches, a daily cap per contract, the factory's reserve, a top-up log).
//! - `lock`: in-flight locks keyed by any `Ord` value, released on drop (also when a callback traps).
//! - `decode`, `inspect`: bounded Candid decoding and `canister_inspect_message` rules.
//! - `did_check` (feature `did-check`, for tests): the `.did` file equals the exported interface.
//! - `KitError`: the kit's errors (a Candid type in `icto_shared::kit`), converted into each canister's.

pub mod context;
pub mod contracts;
pub mod cycles_watch;
pub mod decode;
pub mod deploy;
#[cfg(feature = "did-check")]
pub mod did_check;
pub mod factory;
pub mod factory_reports;
pub mod inspect;
pub mod lock;
pub mod memory;
pub mod outbox;
pub mod pagination;
pub mod relationships;
pub mod role_index;
pub mod stable_value;
pub mod storable;
pub mod system;
pub mod templates;

pub use canister_kit_macros::{query, update};
pub use context::CallContext;
pub use icto_shared::kit::KitError;
