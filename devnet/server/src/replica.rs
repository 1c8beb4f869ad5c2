//! The seam between the HTTP interface and the machine that runs canisters. The server speaks only
//! to this trait; `core_replica.rs` implements it on the `devnet` core, tests may use a fake.

use crate::state_tree::Tree;
use candid::Principal;

/// A reject as the IC interface spec defines it (codes 1..=6) plus the replica's error code text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub code: u64,
    pub message: String,
    pub error_code: Option<String>,
}

pub const REJECT_SYS_FATAL: u64 = 1;
pub const REJECT_SYS_TRANSIENT: u64 = 2;
pub const REJECT_DESTINATION_INVALID: u64 = 3;
pub const REJECT_CANISTER_REJECT: u64 = 4;
pub const REJECT_CANISTER_ERROR: u64 = 5;
pub const REJECT_SYS_UNKNOWN: u64 = 6;

impl Reject {
    pub fn new(code: u64, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), error_code: None }
    }
    pub fn destination_invalid(canister: &Principal) -> Self {
        Self {
            code: REJECT_DESTINATION_INVALID,
            message: format!("Canister {canister} not found"),
            error_code: Some("IC0301".into()),
        }
    }
}

pub type CallResult = Result<Vec<u8>, Reject>;

/// What the server needs from a replica. Calls block while canister code runs: the server calls them
/// on blocking threads.
pub trait Replica: Send + Sync + 'static {
    /// DER of the BLS12-381 root public key (the subnet's key; one root subnet, no delegation).
    fn root_key_der(&self) -> Vec<u8>;
    /// The CBOR certificate of `tree`: the tree plus the root key's BLS signature of its root hash.
    fn certify(&self, tree: Tree) -> Vec<u8>;
    /// The replica's current time (nanoseconds since the epoch).
    fn time_nanos(&self) -> u64;
    /// Lets time-driven work run (timers, queued messages).
    fn tick(&self);
    /// Moves the replica's clock ahead by `by` (a development control, like PocketIC's; the IC has
    /// none) and returns the new time. Replicas whose clock cannot be moved refuse.
    fn advance_time(&self, by: std::time::Duration) -> Result<u64, String> {
        let _ = by;
        Err("this replica's clock cannot be moved".into())
    }

    /// An update call run to completion (the gateway's `http_request_update`).
    fn update_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> CallResult;
    /// Accepts an ingress update under its request id, or refuses it at once (a non-replicated
    /// rejection: missing, empty, stopped or frozen canister, `canister_inspect_message`, ...).
    fn submit_update(&self, request_id: [u8; 32], canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<(), Reject>;
    /// Waits at most `wait` for a submitted update's outcome (None: still running). Other calls'
    /// messages keep running meanwhile, interleaving at awaits.
    fn await_update(&self, request_id: [u8; 32], wait: std::time::Duration) -> Option<CallResult>;
    fn query_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> CallResult;

    fn canister_exists(&self, canister: &Principal) -> bool;
    fn module_hash(&self, canister: &Principal) -> Option<[u8; 32]>;
    fn controllers(&self, canister: &Principal) -> Vec<Principal>;
    /// A custom section `icp:public <name>` or `icp:private <name>` of the installed module:
    /// `(is_public, contents)`.
    fn metadata(&self, canister: &Principal, name: &str) -> Option<(bool, Vec<u8>)>;
}
