//! Messages in flight and the bookkeeping of calls: call contexts (one per incoming call),
//! callbacks (one per outgoing call) and ingress results.
use candid::Principal;

use crate::runtime::EntryKind;
use crate::types::{IngressStatus, MessageId, RejectResponse};

/// Where the answer to a call goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Ingress(MessageId),
    Canister { caller: Principal, callback: u64 },
    /// Timers and heartbeats: nobody waits for an answer.
    System,
}

#[derive(Clone, Debug)]
pub struct Request {
    pub sender: Principal,
    pub receiver: Principal,
    pub method: String,
    pub arg: Vec<u8>,
    pub cycles: u128,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct Response {
    pub callback: u64,
    pub result: Result<Vec<u8>, RejectResponse>,
    pub refund: u128,
}

#[derive(Clone, Debug)]
pub enum Message {
    Request(Request),
    Response(Response),
    /// A system task: `canister_global_timer` or `canister_heartbeat`.
    Task { canister: Principal, kind: EntryKind },
}

#[derive(Clone, Debug)]
pub struct CallContext {
    pub canister: Principal,
    pub origin: Origin,
    pub caller: Principal,
    pub method: String,
    pub cycles_available: u128,
    pub responded: bool,
    pub outstanding: usize,
    pub instructions: u64,
}

#[derive(Clone, Debug)]
pub struct Callback {
    pub canister: Principal,
    pub context: u64,
    pub reply: (u32, u32),
    pub reject: (u32, u32),
    pub cleanup: Option<(u32, u32)>,
    pub epoch: u64,
}

#[derive(Clone, Debug)]
pub struct IngressRecord {
    pub receiver: Principal,
    pub status: IngressStatus,
    /// Instructions of the entry execution (for `last_instructions`).
    pub instructions: Option<u64>,
    pub time_nanos: u64,
}
