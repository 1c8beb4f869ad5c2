//! Messages in flight and the bookkeeping of calls: call contexts (one per incoming call),
//! callbacks (one per outgoing call) and ingress results. All plain data: persisted with the state.
use candid::Principal;
use serde::{Deserialize, Serialize};

use crate::runtime::EntryKind;
use crate::types::{IngressStatus, MessageId, RejectResponse};

/// Where the answer to a call goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    Ingress(MessageId),
    Canister { caller: Principal, callback: u64 },
    /// Timers and heartbeats: nobody waits for an answer.
    System,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub sender: Principal,
    pub receiver: Principal,
    pub method: String,
    #[serde(with = "serde_bytes")]
    pub arg: Vec<u8>,
    pub cycles: u128,
    pub origin: Origin,
    /// Bounded-wait calls: when the caller stops waiting (nanoseconds); 0 for unbounded-wait calls.
    #[serde(default)]
    pub deadline: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Response {
    pub callback: u64,
    pub result: Result<Vec<u8>, RejectResponse>,
    pub refund: u128,
    /// Made by the system when a bounded-wait call timed out or its response was dropped: the
    /// only response its callback still accepts.
    #[serde(default)]
    pub synthetic: bool,
}

impl Response {
    /// Payload size as the IC counts it for the transmission refund (reply bytes or reject message).
    pub fn payload_size(&self) -> usize {
        match &self.result {
            Ok(bytes) => bytes.len(),
            Err(reject) => reject.message.len(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Message {
    Request(Request),
    Response(Response),
    /// A system task: `canister_global_timer` or `canister_heartbeat`.
    Task { canister: Principal, kind: EntryKind },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CallContext {
    pub canister: Principal,
    pub origin: Origin,
    pub caller: Principal,
    pub method: String,
    pub cycles_available: u128,
    pub responded: bool,
    pub outstanding: usize,
    pub instructions: u64,
    /// The incoming call's deadline (`ic0.msg_deadline` in the method and its callbacks).
    #[serde(default)]
    pub deadline: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Callback {
    pub canister: Principal,
    pub context: u64,
    pub reply: (u32, u32),
    pub reject: (u32, u32),
    pub cleanup: Option<(u32, u32)>,
    /// The canister's uninstall count when the call was made: a callback of uninstalled code never runs.
    pub epoch: u64,
    /// 0 for unbounded-wait calls.
    #[serde(default)]
    pub deadline: u64,
    /// Set aside at `call_perform`: the longest callback execution and the largest response.
    #[serde(default)]
    pub reserved_execution: u128,
    #[serde(default)]
    pub reserved_transmission: u128,
    /// The caller stopped waiting: only the system's `SYS_UNKNOWN` response is delivered.
    #[serde(default)]
    pub expired: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IngressRecord {
    pub receiver: Principal,
    pub status: IngressStatus,
    /// Instructions of the entry execution (for `last_instructions`).
    pub instructions: Option<u64>,
    pub time_nanos: u64,
}

/// A response held back by a test fault, released at `release_at` (nanoseconds).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HeldResponse {
    pub release_at: u64,
    pub response: Response,
}
