//! The per-execution context the ic0 functions read and write. It is filled before an execution
//! and taken back after it: on success its effects are committed, on a trap they are dropped.
use candid::Principal;
use std::sync::Arc;

use crate::cycles::Fees;
use crate::runtime::stable::StableMemory;
use crate::types::CanisterRunState;

/// Which entry point runs; decides what the system API allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum EntryKind {
    /// The module's `(start)` function, run when the module is instantiated.
    #[default]
    Start,
    Init,
    PreUpgrade,
    PostUpgrade,
    Update,
    /// A query method run as an update (ingress or inter-canister): executes, never commits.
    ReplicatedQuery,
    Query,
    CompositeQuery,
    ReplyCallback,
    RejectCallback,
    Cleanup,
    Timer,
    Heartbeat,
    InspectMessage,
}

impl EntryKind {
    pub fn is_query(self) -> bool {
        matches!(self, EntryKind::Query | EntryKind::CompositeQuery | EntryKind::InspectMessage)
    }
    /// Executions whose effects are charged to the canister's balance (replicated ones).
    pub fn is_charged(self) -> bool {
        !self.is_query() && self != EntryKind::Start
    }
}

impl ExecContext {
    /// The spec's context letter of this execution (as a bit of `api_spec::ctx`).
    pub fn api_context(&self) -> u32 {
        crate::runtime::api_spec::context_bit(self.kind, self.composite)
    }
}

/// An outgoing call being built (`call_new` .. `call_perform`) or performed.
#[derive(Clone, Debug)]
pub struct Call {
    pub callee: Principal,
    pub method: String,
    pub arg: Vec<u8>,
    pub cycles: u128,
    pub reply: (u32, u32),
    pub reject: (u32, u32),
    pub cleanup: Option<(u32, u32)>,
    pub timeout_seconds: Option<u32>,
    /// Set aside by `call_perform` for the response (its callback's execution and its bytes).
    pub reserved_execution: u128,
    pub reserved_transmission: u128,
}

impl Default for Call {
    fn default() -> Self {
        Call {
            callee: Principal::anonymous(),
            method: String::new(),
            arg: Vec::new(),
            cycles: 0,
            reply: (0, 0),
            reject: (0, 0),
            cleanup: None,
            timeout_seconds: None,
            reserved_execution: 0,
            reserved_transmission: 0,
        }
    }
}

/// The reply an execution produced: `Ok(data)` from `msg_reply`, `Err(message)` from `msg_reject`.
pub type Response = Result<Vec<u8>, String>;

/// Produces the data certificate for a query on first use (signing is not free).
pub type CertificateSource = Box<dyn FnOnce() -> Vec<u8> + Send>;

pub struct ExecContext {
    pub kind: EntryKind,
    pub canister_id: Principal,
    pub caller: Principal,
    pub method: String,
    pub arg: Vec<u8>,
    pub reject_code: u32,
    pub reject_message: String,
    pub cycles_available: u128,
    pub cycles_refunded: u128,
    /// The balance as the canister sees it: before the execution, minus its prepaid cost, plus
    /// accepted cycles, minus cycles attached to calls and call reserves.
    pub balance: u128,
    /// Below this the canister is frozen: `liquid_balance` is `balance - freezing_limit`.
    pub freezing_limit: u128,
    /// `ic0.msg_deadline`: the incoming call's deadline, 0 if it was not a bounded-wait call.
    pub deadline: u64,
    /// Whether this execution may still reply (false once the call context has been answered).
    pub may_respond: bool,
    pub reply_buffer: Vec<u8>,
    pub response: Option<Response>,
    pub building: Option<Call>,
    pub calls: Vec<Call>,
    pub certified_data: Option<Vec<u8>>,
    /// Current timer deadline (0 = none); `global_timer_set` changes it.
    pub global_timer: u64,
    pub time: u64,
    pub status: Option<CanisterRunState>,
    pub version: u64,
    pub controllers: Vec<Principal>,
    pub root_key: Arc<Vec<u8>>,
    pub subnet_id: Option<Principal>,
    pub certificate_source: Option<CertificateSource>,
    pub certificate: Option<Vec<u8>>,
    pub message_accepted: bool,
    pub instruction_limit: u64,
    /// Instructions of earlier executions in the same call context (`performance_counter(1)`).
    pub call_context_instructions: u64,
    pub stable_memory_limit_pages: u64,
    pub fees: Fees,
    /// The instruction limit of a callback execution (what `call_perform` reserves cycles for).
    pub callback_instruction_limit: u64,
    pub max_reply_bytes: usize,
    pub max_request_bytes: usize,
    pub max_call_timeout_seconds: u32,
    pub logs: Vec<String>,
    /// Part of a composite query: may call query methods; nothing it does is committed.
    pub composite: bool,
}

impl Default for ExecContext {
    fn default() -> Self {
        ExecContext {
            kind: EntryKind::default(),
            canister_id: Principal::anonymous(),
            caller: Principal::anonymous(),
            method: String::new(),
            arg: Vec::new(),
            reject_code: 0,
            reject_message: String::new(),
            cycles_available: 0,
            cycles_refunded: 0,
            balance: 0,
            freezing_limit: 0,
            deadline: 0,
            may_respond: false,
            reply_buffer: Vec::new(),
            response: None,
            building: None,
            calls: Vec::new(),
            certified_data: None,
            global_timer: 0,
            time: 0,
            status: None,
            version: 0,
            controllers: Vec::new(),
            root_key: Arc::new(Vec::new()),
            subnet_id: None,
            certificate_source: None,
            certificate: None,
            message_accepted: false,
            instruction_limit: 0,
            call_context_instructions: 0,
            stable_memory_limit_pages: 0,
            fees: Fees::free(),
            callback_instruction_limit: 0,
            max_reply_bytes: 2 * 1024 * 1024,
            max_request_bytes: 10 * 1024 * 1024,
            max_call_timeout_seconds: 300,
            logs: Vec::new(),
            composite: false,
        }
    }
}

/// Host data of a wasmtime store: the execution context plus the canister's stable memory.
#[derive(Default)]
pub struct HostState {
    pub ctx: ExecContext,
    pub stable: StableMemory,
    pub memory: Option<wasmtime::Memory>,
    /// The instruction counter the instrumented module decrements (see `wasm::instrument`).
    pub counter: Option<wasmtime::Global>,
    pub limits: crate::runtime::limits::MemoryLimits,
}
