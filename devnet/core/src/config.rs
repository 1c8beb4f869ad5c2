//! Limits and prices of the simulated subnet (the IC's values for an application subnet; see
//! docs/references/resource-limits and the replica's `subnet_config.rs`).
pub use crate::cycles::Fees;

const MIB: usize = 1024 * 1024;

#[derive(Clone, Debug)]
pub struct Config {
    pub update_instruction_limit: u64,
    pub query_instruction_limit: u64,
    pub install_instruction_limit: u64,
    /// `canister_inspect_message` runs with this limit (200M on the IC).
    pub inspect_message_instruction_limit: u64,
    /// Cycles of a canister made by `Devnet::create_canister` or provisional creation without an amount.
    pub default_cycles: u128,
    pub fees: Fees,
    /// Stable memory limit in 64 KiB pages (the IC allows 500 GiB).
    pub stable_memory_limit_pages: u64,
    /// Largest ingress message (method name and argument): 2 MiB.
    pub max_ingress_bytes: usize,
    /// Largest request between canisters of this subnet: 10 MiB.
    pub max_request_bytes: usize,
    /// Largest reply of a replicated execution: 2 MiB.
    pub max_reply_bytes: usize,
    /// Largest reply of a non-replicated (query) execution: 3 MiB.
    pub max_query_reply_bytes: usize,
    /// Bound on `ic0.call_with_best_effort_response` timeouts (`MAX_CALL_TIMEOUT`).
    pub max_call_timeout_seconds: u32,
    /// Storage and compute allocation are charged in steps of this many seconds.
    pub allocation_charge_period_seconds: u64,
    /// Messages processed by one `tick` before it returns (guards against endless self-calls).
    pub max_messages_per_tick: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            update_instruction_limit: 40_000_000_000,
            query_instruction_limit: 5_000_000_000,
            install_instruction_limit: 300_000_000_000,
            inspect_message_instruction_limit: 200_000_000,
            default_cycles: 100_000_000_000_000,
            fees: Fees::default(),
            stable_memory_limit_pages: 500 * 1024 * 1024 * 1024 / 65536,
            max_ingress_bytes: 2 * MIB,
            max_request_bytes: 10 * MIB,
            max_reply_bytes: 2 * MIB,
            max_query_reply_bytes: 3 * MIB,
            max_call_timeout_seconds: 300,
            allocation_charge_period_seconds: 10,
            max_messages_per_tick: 100_000,
        }
    }
}
