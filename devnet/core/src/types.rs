//! Public value types of the devnet API: reject responses, message ids, canister status.
use candid::Principal;
use std::fmt;

/// Reject codes of the IC interface specification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[repr(u8)]
pub enum RejectCode {
    SysFatal = 1,
    SysTransient = 2,
    DestinationInvalid = 3,
    CanisterReject = 4,
    CanisterError = 5,
    SysUnknown = 6,
}

impl RejectCode {
    pub fn from_u32(code: u32) -> RejectCode {
        match code {
            1 => RejectCode::SysFatal,
            2 => RejectCode::SysTransient,
            3 => RejectCode::DestinationInvalid,
            4 => RejectCode::CanisterReject,
            5 => RejectCode::CanisterError,
            _ => RejectCode::SysUnknown,
        }
    }
    pub fn as_u32(self) -> u32 {
        self as u32
    }
}

/// A rejected call: the code, a human-readable message and the IC error code (`IC0503`, ...) when known.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RejectResponse {
    pub code: RejectCode,
    pub message: String,
    pub error_code: Option<String>,
}

impl RejectResponse {
    pub fn new(code: RejectCode, message: impl Into<String>, error_code: Option<&str>) -> Self {
        RejectResponse { code, message: message.into(), error_code: error_code.map(str::to_string) }
    }
    /// A reject raised by the system with an IC error code; the reject code is the code's first
    /// digit, as the replica assigns them (`IC0207` is `SYS_TRANSIENT`, `IC0536` is `CANISTER_ERROR`).
    pub fn error(error_code: &str, message: impl Into<String>) -> Self {
        let digit = error_code.as_bytes().get(3).map(|b| (b - b'0') as u32).unwrap_or(1);
        Self::new(RejectCode::from_u32(digit), message, Some(error_code))
    }
    /// A reject raised by the canister itself via `ic0.msg_reject` (the replica labels it IC0406).
    pub fn canister_reject(message: impl Into<String>) -> Self {
        Self::new(RejectCode::CanisterReject, message, Some(ErrorCode::CANISTER_REJECTED_MESSAGE))
    }
}

impl fmt::Display for RejectResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "reject code {:?} ({})", self.code, self.code as u8)?;
        if let Some(ec) = &self.error_code {
            write!(f, ", error code {ec}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RejectResponse {}

/// IC error codes (the `IC0xxx` strings the replica attaches to rejects), as the replica's
/// `ErrorCode` enum names them. The first digit is the reject code (see `RejectResponse::error`).
pub struct ErrorCode;
impl ErrorCode {
    // 2xx: SYS_TRANSIENT
    pub const CANISTER_ID_ALREADY_EXISTS: &'static str = "IC0205";
    pub const CANISTER_OUT_OF_CYCLES: &'static str = "IC0207";
    // 3xx: DESTINATION_INVALID
    pub const CANISTER_NOT_FOUND: &'static str = "IC0301";
    // 4xx: CANISTER_REJECT
    pub const INSUFFICIENT_CYCLES_FOR_CREATE_CANISTER: &'static str = "IC0403";
    pub const CANISTER_REJECTED_MESSAGE: &'static str = "IC0406";
    pub const INVALID_MANAGEMENT_PAYLOAD: &'static str = "IC0408";
    // 5xx: CANISTER_ERROR
    pub const CANISTER_TRAPPED: &'static str = "IC0502";
    pub const CANISTER_CALLED_TRAP: &'static str = "IC0503";
    pub const CANISTER_CONTRACT_VIOLATION: &'static str = "IC0504";
    pub const CANISTER_INVALID_WASM: &'static str = "IC0505";
    pub const CANISTER_DID_NOT_REPLY: &'static str = "IC0506";
    pub const CANISTER_STOPPED: &'static str = "IC0508";
    pub const CANISTER_STOPPING: &'static str = "IC0509";
    pub const CANISTER_NOT_STOPPED: &'static str = "IC0510";
    pub const CANISTER_STOPPING_CANCELLED: &'static str = "IC0511";
    pub const CANISTER_INVALID_CONTROLLER: &'static str = "IC0512";
    pub const CANISTER_INSTRUCTION_LIMIT_EXCEEDED: &'static str = "IC0522";
    pub const QUERY_CALL_GRAPH_TOO_DEEP: &'static str = "IC0525";
    pub const CANISTER_METHOD_NOT_FOUND: &'static str = "IC0536";
    pub const CANISTER_WASM_MODULE_NOT_FOUND: &'static str = "IC0537";
    pub const CANISTER_ALREADY_INSTALLED: &'static str = "IC0538";
    pub const CANISTER_WASM_MEMORY_LIMIT_EXCEEDED: &'static str = "IC0539";
    // 6xx: SYS_UNKNOWN (bounded-wait calls only)
    pub const DEADLINE_EXPIRED: &'static str = "IC0601";
    pub const RESPONSE_DROPPED: &'static str = "IC0602";
}

/// The id of a submitted message: for ingress messages the 32-byte request id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct MessageId(pub [u8; 32]);

impl MessageId {
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

/// The running state of a canister.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CanisterRunState {
    Running,
    Stopping,
    Stopped,
}

impl CanisterRunState {
    /// The value `ic0.canister_status` returns.
    pub fn as_ic0(self) -> u32 {
        match self {
            CanisterRunState::Running => 1,
            CanisterRunState::Stopping => 2,
            CanisterRunState::Stopped => 3,
        }
    }
}

/// What `canister_status` reports, in host-friendly types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanisterStatus {
    pub status: CanisterRunState,
    pub module_hash: Option<[u8; 32]>,
    pub controllers: Vec<Principal>,
    pub cycles: u128,
    pub memory_size: u64,
    pub freezing_threshold: u64,
    pub compute_allocation: u64,
    pub memory_allocation: u64,
    pub wasm_memory_limit: u64,
    pub reserved_cycles_limit: u128,
    pub version: u64,
    /// Cycles burned per day for memory and compute allocation (the freezing limit is this times
    /// `freezing_threshold` / 86 400).
    pub idle_cycles_burned_per_day: u128,
}

/// The state of an ingress message, as `request_status` reports it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum IngressStatus {
    Received,
    Processing,
    Replied(Vec<u8>),
    Rejected(RejectResponse),
    Done,
}
