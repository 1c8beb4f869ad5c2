//! The cycles cost model, in one place: the IC's published prices for a 13-node application subnet
//! (docs/references/cycles-cost-formulas, "Cycles price breakdown"; the replica's
//! `CyclesAccountManagerConfig::application_subnet`) and the formulas the replica's cycles account
//! manager applies to them: execution prepayment, call reserve, ingress induction, idle burn and
//! the freezing limit (interface spec, "Canister cycles" and `liquid_balance`).

/// Largest reply or request payload between canisters (2 MiB): what a response reserve covers.
pub const MAX_INTER_CANISTER_PAYLOAD: u64 = 2 * 1024 * 1024;
const GIB: u128 = 1 << 30;
const NANOS_PER_SECOND: u128 = 1_000_000_000;
const SECONDS_PER_DAY: u128 = 86_400;

/// Prices in cycles (13-node subnet). `Fees::free()` turns every charge off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fees {
    pub canister_creation: u128,
    /// Per percent of compute allocation per second.
    pub compute_percent_allocated_per_second: u128,
    /// Base fee of every update execution (message, callback, timer, heartbeat, install).
    pub update_message_execution: u128,
    /// Per 10 instructions of an update execution (1B instructions cost 1B cycles).
    pub ten_update_instructions: u128,
    /// Per inter-canister call (request and response).
    pub xnet_call: u128,
    /// Per byte of an inter-canister request or response.
    pub xnet_byte_transmission: u128,
    /// Per ingress message, paid by the receiving canister.
    pub ingress_message_reception: u128,
    /// Per byte of an ingress message (method name and argument).
    pub ingress_byte_reception: u128,
    /// Storage: per GiB per second.
    pub gib_storage_per_second: u128,
}

impl Default for Fees {
    fn default() -> Self {
        Fees {
            canister_creation: 500_000_000_000,
            compute_percent_allocated_per_second: 10_000_000,
            update_message_execution: 5_000_000,
            ten_update_instructions: 10,
            xnet_call: 260_000,
            xnet_byte_transmission: 1_000,
            ingress_message_reception: 1_200_000,
            ingress_byte_reception: 2_000,
            gib_storage_per_second: 127_000,
        }
    }
}

impl Fees {
    pub fn free() -> Self {
        Fees {
            canister_creation: 0,
            compute_percent_allocated_per_second: 0,
            update_message_execution: 0,
            ten_update_instructions: 0,
            xnet_call: 0,
            xnet_byte_transmission: 0,
            ingress_message_reception: 0,
            ingress_byte_reception: 0,
            gib_storage_per_second: 0,
        }
    }

    /// Cost of an update execution of `instructions` (prepaid for the limit, the rest refunded).
    pub fn execution(&self, instructions: u64) -> u128 {
        self.update_message_execution + self.ten_update_instructions * (instructions as u128 / 10)
    }

    /// Paid by the receiving canister when an ingress message is inducted.
    pub fn ingress_induction(&self, method_len: usize, arg_len: usize) -> u128 {
        self.ingress_message_reception + self.ingress_byte_reception * (method_len + arg_len) as u128
    }

    /// The request's share of a call: base fee plus its bytes.
    pub fn call_transmission(&self, method_len: u64, arg_len: u64) -> u128 {
        self.xnet_call + self.xnet_byte_transmission * (method_len as u128 + arg_len as u128)
    }

    /// Set aside at `call_perform` for the largest possible response.
    pub fn response_transmission_reserve(&self) -> u128 {
        self.xnet_byte_transmission * MAX_INTER_CANISTER_PAYLOAD as u128
    }

    /// What the caller must have above its freezing limit for `call_perform` to succeed
    /// (`ic0.cost_call`): the request, the largest response and the longest callback.
    pub fn call_total(&self, method_len: u64, arg_len: u64, max_instructions: u64) -> u128 {
        self.call_transmission(method_len, arg_len) + self.response_transmission_reserve() + self.execution(max_instructions)
    }

    /// Refunded when the response is smaller than the 2 MiB the reserve paid for.
    pub fn response_transmission_refund(&self, response_bytes: usize) -> u128 {
        self.xnet_byte_transmission * (MAX_INTER_CANISTER_PAYLOAD as u128).saturating_sub(response_bytes as u128)
    }

    /// Storage and compute allocation burned per day by a canister at rest.
    pub fn idle_burn_per_day(&self, memory_bytes: u64, compute_allocation: u64) -> u128 {
        memory_bytes as u128 * self.gib_storage_per_second * SECONDS_PER_DAY / GIB
            + compute_allocation as u128 * self.compute_percent_allocated_per_second * SECONDS_PER_DAY
    }

    /// Idle burn over `nanos` nanoseconds.
    pub fn idle_burn(&self, memory_bytes: u64, compute_allocation: u64, nanos: u64) -> u128 {
        let per_day = self.idle_burn_per_day(memory_bytes, compute_allocation);
        per_day * nanos as u128 / (SECONDS_PER_DAY * NANOS_PER_SECOND)
    }

    /// Below this balance the canister is frozen: what it would burn idle over `freezing_threshold` seconds.
    pub fn freezing_limit(&self, memory_bytes: u64, compute_allocation: u64, freezing_threshold: u64) -> u128 {
        self.idle_burn_per_day(memory_bytes, compute_allocation) * freezing_threshold as u128 / SECONDS_PER_DAY
    }
}

/// `liquid_balance` of the interface spec: what is available for calls and execution.
pub fn liquid_balance(balance: u128, freezing_limit: u128) -> u128 {
    balance.saturating_sub(freezing_limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_prices_give_the_documented_examples() {
        let fees = Fees::default();
        // 1B instructions cost 1B cycles plus the 5M base fee.
        assert_eq!(fees.execution(1_000_000_000), 1_005_000_000);
        // Storing 1 GiB for a year costs about 4T cycles.
        let year = fees.idle_burn_per_day(1 << 30, 0) * 365;
        assert_eq!(year, 127_000 * 86_400 * 365);
        // A 30-day freezing threshold on 1 GiB is 30 days of storage.
        assert_eq!(fees.freezing_limit(1 << 30, 0, 30 * 86_400), 127_000 * 86_400 * 30);
        assert_eq!(fees.call_total(3, 10, 0), 260_000 + 13_000 + 1_000 * 2 * 1024 * 1024 + 5_000_000);
        assert_eq!(Fees::free().call_total(3, 10, 40_000_000_000), 0);
    }
}
