//! Limits and prices of the simulated subnet.

/// Cycle prices (13-node application subnet). `Fees::free()` turns charging off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fees {
    pub canister_creation: u128,
    /// Charged per update execution (entry, callback, timer).
    pub update_message_execution: u128,
    /// Charged per 10 instructions of an update execution.
    pub ten_update_instructions: u128,
    pub xnet_call: u128,
    pub xnet_byte_transmission: u128,
}

impl Default for Fees {
    fn default() -> Self {
        Fees {
            canister_creation: 500_000_000_000,
            update_message_execution: 5_000_000,
            ten_update_instructions: 4,
            xnet_call: 260_000,
            xnet_byte_transmission: 1_000,
        }
    }
}

impl Fees {
    pub fn free() -> Self {
        Fees { canister_creation: 0, update_message_execution: 0, ten_update_instructions: 0, xnet_call: 0, xnet_byte_transmission: 0 }
    }
    pub fn execution(&self, instructions: u64) -> u128 {
        self.update_message_execution + self.ten_update_instructions * instructions as u128 / 10
    }
    pub fn call(&self, method_len: usize, arg_len: usize) -> u128 {
        self.xnet_call + self.xnet_byte_transmission * (method_len + arg_len) as u128
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub update_instruction_limit: u64,
    pub query_instruction_limit: u64,
    pub install_instruction_limit: u64,
    /// Cycles of a canister made by `Devnet::create_canister` or provisional creation without an amount.
    pub default_cycles: u128,
    pub fees: Fees,
    /// Stable memory limit in 64 KiB pages (the IC allows 500 GiB).
    pub stable_memory_limit_pages: u64,
    /// Largest accepted argument/reply payload in bytes.
    pub max_payload_bytes: usize,
    /// Messages processed by one `tick` before it returns (guards against endless self-calls).
    pub max_messages_per_tick: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            update_instruction_limit: 40_000_000_000,
            query_instruction_limit: 5_000_000_000,
            install_instruction_limit: 300_000_000_000,
            default_cycles: 100_000_000_000_000,
            fees: Fees::default(),
            stable_memory_limit_pages: 500 * 1024 * 1024 * 1024 / 65536,
            max_payload_bytes: 10 * 1024 * 1024,
            max_messages_per_tick: 100_000,
        }
    }
}
