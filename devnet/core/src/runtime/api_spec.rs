//! Per ic0 function: where it may be called (the interface spec's "Overview of imports" table)
//! and its fixed instruction overhead (the replica's `system_api_complexity::overhead`). Functions
//! that copy memory also cost one instruction per byte (the replica's `charge_for_cpu_and_mem`).
use crate::runtime::EntryKind;

/// One bit per context letter of the spec's table.
pub mod ctx {
    pub const I: u32 = 1 << 0;
    pub const G: u32 = 1 << 1;
    pub const U: u32 = 1 << 2;
    pub const RQ: u32 = 1 << 3;
    pub const NRQ: u32 = 1 << 4;
    pub const TQ: u32 = 1 << 5;
    pub const CQ: u32 = 1 << 6;
    pub const RY: u32 = 1 << 7;
    pub const RT: u32 = 1 << 8;
    pub const CRY: u32 = 1 << 9;
    pub const CRT: u32 = 1 << 10;
    pub const C: u32 = 1 << 11;
    pub const CC: u32 = 1 << 12;
    pub const F: u32 = 1 << 13;
    pub const T: u32 = 1 << 14;
    /// The `(start)` function.
    pub const S: u32 = 1 << 15;
    /// `*` of the spec: everywhere but `(start)`.
    pub const ALL: u32 = I | G | U | RQ | NRQ | TQ | CQ | RY | RT | CRY | CRT | C | CC | F | T;
}
use ctx::*;

/// The spec's context of an execution.
pub fn context_bit(kind: EntryKind, composite: bool) -> u32 {
    match kind {
        EntryKind::Start => S,
        EntryKind::Init | EntryKind::PostUpgrade => I,
        EntryKind::PreUpgrade => G,
        EntryKind::Update => U,
        EntryKind::ReplicatedQuery => RQ,
        EntryKind::Query => NRQ,
        EntryKind::CompositeQuery => CQ,
        EntryKind::ReplyCallback if composite => CRY,
        EntryKind::ReplyCallback => RY,
        EntryKind::RejectCallback if composite => CRT,
        EntryKind::RejectCallback => RT,
        EntryKind::Cleanup if composite => CC,
        EntryKind::Cleanup => C,
        EntryKind::InspectMessage => F,
        EntryKind::Timer | EntryKind::Heartbeat => T,
    }
}

/// The spec's name for a context (in trap messages).
pub fn context_name(bit: u32) -> &'static str {
    match bit {
        I => "init",
        G => "pre_upgrade",
        U => "update",
        RQ => "replicated query",
        NRQ => "non-replicated query",
        TQ => "transform",
        CQ => "composite query",
        RY => "reply callback",
        RT => "reject callback",
        CRY => "composite reply callback",
        CRT => "composite reject callback",
        C => "cleanup",
        CC => "composite cleanup",
        F => "inspect message",
        T => "system task",
        _ => "start",
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ApiFn {
    pub name: &'static str,
    pub contexts: u32,
    /// Instructions charged per call, before the per-byte part.
    pub overhead: u64,
}

const fn f(name: &'static str, contexts: u32, overhead: u64) -> ApiFn {
    ApiFn { name, contexts, overhead }
}

const ARG: u32 = I | U | RQ | NRQ | TQ | CQ | RY | CRY | F;
const CALLER_INFO: u32 = U | RQ | NRQ | CQ | RY | RT | CRY | CRT | C | CC | F;
const RESPOND: u32 = U | RQ | NRQ | TQ | CQ | RY | RT | CRY | CRT;
const CALL: u32 = U | CQ | RY | RT | CRY | CRT | T;
const CYCLES_IN: u32 = U | RQ | RT | RY;
const REPLICATED_STATE: u32 = I | G | U | RY | RT | C | T;

pub const MSG_ARG_DATA_SIZE: ApiFn = f("msg_arg_data_size", ARG, 500);
pub const MSG_ARG_DATA_COPY: ApiFn = f("msg_arg_data_copy", ARG, 500);
pub const MSG_CALLER_SIZE: ApiFn = f("msg_caller_size", ALL, 500);
pub const MSG_CALLER_COPY: ApiFn = f("msg_caller_copy", ALL, 500);
pub const MSG_CALLER_INFO_DATA_SIZE: ApiFn = f("msg_caller_info_data_size", CALLER_INFO, 500);
pub const MSG_CALLER_INFO_DATA_COPY: ApiFn = f("msg_caller_info_data_copy", CALLER_INFO, 500);
pub const MSG_CALLER_INFO_SIGNER_SIZE: ApiFn = f("msg_caller_info_signer_size", CALLER_INFO, 500);
pub const MSG_CALLER_INFO_SIGNER_COPY: ApiFn = f("msg_caller_info_signer_copy", CALLER_INFO, 500);
pub const MSG_REJECT_CODE: ApiFn = f("msg_reject_code", RY | RT | CRY | CRT | C, 500);
pub const MSG_REJECT_MSG_SIZE: ApiFn = f("msg_reject_msg_size", RT | CRT, 500);
pub const MSG_REJECT_MSG_COPY: ApiFn = f("msg_reject_msg_copy", RT | CRT, 500);
pub const MSG_DEADLINE: ApiFn = f("msg_deadline", U | RQ | NRQ | CQ | RY | RT | CRY | CRT, 500);
pub const MSG_REPLY_DATA_APPEND: ApiFn = f("msg_reply_data_append", RESPOND, 500);
pub const MSG_REPLY: ApiFn = f("msg_reply", RESPOND, 500);
pub const MSG_REJECT: ApiFn = f("msg_reject", RESPOND, 500);
pub const MSG_CYCLES_AVAILABLE128: ApiFn = f("msg_cycles_available128", CYCLES_IN, 500);
pub const MSG_CYCLES_REFUNDED128: ApiFn = f("msg_cycles_refunded128", RT | RY, 500);
pub const MSG_CYCLES_ACCEPT128: ApiFn = f("msg_cycles_accept128", CYCLES_IN, 500);
pub const CYCLES_BURN128: ApiFn = f("cycles_burn128", I | G | U | RQ | RY | RT | C | T, 500);
pub const CANISTER_SELF_SIZE: ApiFn = f("canister_self_size", ALL, 500);
pub const CANISTER_SELF_COPY: ApiFn = f("canister_self_copy", ALL, 500);
pub const CANISTER_CYCLE_BALANCE128: ApiFn = f("canister_cycle_balance128", ALL, 500);
pub const CANISTER_LIQUID_CYCLE_BALANCE128: ApiFn = f("canister_liquid_cycle_balance128", ALL, 500);
pub const CANISTER_STATUS: ApiFn = f("canister_status", ALL, 500);
pub const CANISTER_VERSION: ApiFn = f("canister_version", ALL, 500);
pub const SUBNET_SELF_SIZE: ApiFn = f("subnet_self_size", ALL, 500);
pub const SUBNET_SELF_COPY: ApiFn = f("subnet_self_copy", ALL, 500);
pub const SUBNET_SELF_NODE_COUNT: ApiFn = f("subnet_self_node_count", ALL, 500);
pub const MSG_METHOD_NAME_SIZE: ApiFn = f("msg_method_name_size", F, 500);
pub const MSG_METHOD_NAME_COPY: ApiFn = f("msg_method_name_copy", F, 500);
pub const ACCEPT_MESSAGE: ApiFn = f("accept_message", F, 500);
pub const CALL_NEW: ApiFn = f("call_new", CALL, 1_500);
pub const CALL_ON_CLEANUP: ApiFn = f("call_on_cleanup", CALL, 500);
pub const CALL_DATA_APPEND: ApiFn = f("call_data_append", CALL, 500);
pub const CALL_WITH_BEST_EFFORT_RESPONSE: ApiFn = f("call_with_best_effort_response", CALL, 500);
pub const CALL_CYCLES_ADD128: ApiFn = f("call_cycles_add128", U | RY | RT | T, 500);
pub const CALL_PERFORM: ApiFn = f("call_perform", CALL, 5_000);
pub const STABLE64_SIZE: ApiFn = f("stable64_size", ALL | S, 20);
pub const STABLE64_GROW: ApiFn = f("stable64_grow", ALL | S, 500);
pub const STABLE64_WRITE: ApiFn = f("stable64_write", ALL | S, 20);
pub const STABLE64_READ: ApiFn = f("stable64_read", ALL | S, 20);
pub const ROOT_KEY_SIZE: ApiFn = f("root_key_size", REPLICATED_STATE | RQ, 500);
pub const ROOT_KEY_COPY: ApiFn = f("root_key_copy", REPLICATED_STATE | RQ, 500);
pub const CERTIFIED_DATA_SET: ApiFn = f("certified_data_set", I | G | U | RY | RT | T, 500);
pub const DATA_CERTIFICATE_PRESENT: ApiFn = f("data_certificate_present", ALL, 500);
pub const DATA_CERTIFICATE_SIZE: ApiFn = f("data_certificate_size", NRQ | CQ, 500);
pub const DATA_CERTIFICATE_COPY: ApiFn = f("data_certificate_copy", NRQ | CQ, 500);
pub const TIME: ApiFn = f("time", ALL, 500);
pub const GLOBAL_TIMER_SET: ApiFn = f("global_timer_set", REPLICATED_STATE, 500);
pub const PERFORMANCE_COUNTER: ApiFn = f("performance_counter", ALL | S, 200);
pub const IS_CONTROLLER: ApiFn = f("is_controller", ALL | S, 1_000);
pub const IN_REPLICATED_EXECUTION: ApiFn = f("in_replicated_execution", ALL | S, 500);
pub const COST_CALL: ApiFn = f("cost_call", ALL | S, 500);
pub const COST_CREATE_CANISTER: ApiFn = f("cost_create_canister", ALL | S, 500);
pub const COST_HTTP_REQUEST: ApiFn = f("cost_http_request", ALL | S, 500);
pub const COST_HTTP_REQUEST_V2: ApiFn = f("cost_http_request_v2", ALL | S, 10_000);
pub const COST_SIGN_WITH_ECDSA: ApiFn = f("cost_sign_with_ecdsa", ALL | S, 500);
pub const COST_SIGN_WITH_SCHNORR: ApiFn = f("cost_sign_with_schnorr", ALL | S, 500);
pub const COST_VETKD_DERIVE_KEY: ApiFn = f("cost_vetkd_derive_key", ALL | S, 500);
pub const ENV_VAR_COUNT: ApiFn = f("env_var_count", ALL, 500);
pub const ENV_VAR_NAME_SIZE: ApiFn = f("env_var_name_size", ALL, 500);
pub const ENV_VAR_NAME_COPY: ApiFn = f("env_var_name_copy", ALL, 500);
pub const ENV_VAR_NAME_EXISTS: ApiFn = f("env_var_name_exists", ALL, 500);
pub const ENV_VAR_VALUE_SIZE: ApiFn = f("env_var_value_size", ALL, 500);
pub const ENV_VAR_VALUE_COPY: ApiFn = f("env_var_value_copy", ALL, 500);
pub const DEBUG_PRINT: ApiFn = f("debug_print", ALL | S, 100);
pub const TRAP: ApiFn = f("trap", ALL | S, 500);
pub const MINT_CYCLES128: ApiFn = f("mint_cycles128", U | RY | RT | T, 500);
// Deprecated 32-bit variants (only for modules with 32-bit memory).
pub const MSG_CYCLES_AVAILABLE: ApiFn = f("msg_cycles_available", CYCLES_IN, 500);
pub const MSG_CYCLES_REFUNDED: ApiFn = f("msg_cycles_refunded", RT | RY, 500);
pub const MSG_CYCLES_ACCEPT: ApiFn = f("msg_cycles_accept", CYCLES_IN, 500);
pub const CANISTER_CYCLE_BALANCE: ApiFn = f("canister_cycle_balance", ALL, 500);
pub const CALL_CYCLES_ADD: ApiFn = f("call_cycles_add", U | RY | RT | T, 500);
pub const MINT_CYCLES: ApiFn = f("mint_cycles", U | RY | RT | T, 500);
pub const STABLE_SIZE: ApiFn = f("stable_size", ALL | S, 20);
pub const STABLE_GROW: ApiFn = f("stable_grow", ALL | S, 500);
pub const STABLE_WRITE: ApiFn = f("stable_write", ALL | S, 20);
pub const STABLE_READ: ApiFn = f("stable_read", ALL | S, 20);

/// Every ic0 function the devnet provides (an import outside this list fails the install).
pub const ALL_FUNCTIONS: &[ApiFn] = &[
    MSG_ARG_DATA_SIZE, MSG_ARG_DATA_COPY, MSG_CALLER_SIZE, MSG_CALLER_COPY, MSG_CALLER_INFO_DATA_SIZE,
    MSG_CALLER_INFO_DATA_COPY, MSG_CALLER_INFO_SIGNER_SIZE, MSG_CALLER_INFO_SIGNER_COPY, MSG_REJECT_CODE,
    MSG_REJECT_MSG_SIZE, MSG_REJECT_MSG_COPY, MSG_DEADLINE, MSG_REPLY_DATA_APPEND, MSG_REPLY, MSG_REJECT,
    MSG_CYCLES_AVAILABLE128, MSG_CYCLES_REFUNDED128, MSG_CYCLES_ACCEPT128, CYCLES_BURN128, CANISTER_SELF_SIZE,
    CANISTER_SELF_COPY, CANISTER_CYCLE_BALANCE128, CANISTER_LIQUID_CYCLE_BALANCE128, CANISTER_STATUS,
    CANISTER_VERSION, SUBNET_SELF_SIZE, SUBNET_SELF_COPY, SUBNET_SELF_NODE_COUNT, MSG_METHOD_NAME_SIZE,
    MSG_METHOD_NAME_COPY, ACCEPT_MESSAGE, CALL_NEW, CALL_ON_CLEANUP, CALL_DATA_APPEND,
    CALL_WITH_BEST_EFFORT_RESPONSE, CALL_CYCLES_ADD128, CALL_PERFORM, STABLE64_SIZE, STABLE64_GROW,
    STABLE64_WRITE, STABLE64_READ, ROOT_KEY_SIZE, ROOT_KEY_COPY, CERTIFIED_DATA_SET, DATA_CERTIFICATE_PRESENT,
    DATA_CERTIFICATE_SIZE, DATA_CERTIFICATE_COPY, TIME, GLOBAL_TIMER_SET, PERFORMANCE_COUNTER, IS_CONTROLLER,
    IN_REPLICATED_EXECUTION, COST_CALL, COST_CREATE_CANISTER, COST_HTTP_REQUEST, COST_HTTP_REQUEST_V2,
    COST_SIGN_WITH_ECDSA, COST_SIGN_WITH_SCHNORR, COST_VETKD_DERIVE_KEY, ENV_VAR_COUNT, ENV_VAR_NAME_SIZE,
    ENV_VAR_NAME_COPY, ENV_VAR_NAME_EXISTS, ENV_VAR_VALUE_SIZE, ENV_VAR_VALUE_COPY, DEBUG_PRINT, TRAP,
    MINT_CYCLES128, MSG_CYCLES_AVAILABLE, MSG_CYCLES_REFUNDED, MSG_CYCLES_ACCEPT, CANISTER_CYCLE_BALANCE,
    CALL_CYCLES_ADD, MINT_CYCLES, STABLE_SIZE, STABLE_GROW, STABLE_WRITE, STABLE_READ,
];

pub fn is_known(name: &str) -> bool {
    ALL_FUNCTIONS.iter().any(|f| f.name == name)
}

/// Instructions charged per byte copied between the canister and the system (wasm32).
pub const INSTRUCTIONS_PER_BYTE: u64 = 1;
/// Instructions charged for each 4 KiB stable memory page an execution dirties first
/// (the replica's `DEFAULT_DIRTY_PAGE_OVERHEAD`).
pub const DIRTY_PAGE_OVERHEAD: u64 = 1_000;
