//! Candid types of the cycles watch every factory runs over the contracts it deployed (the canister
//! kit's `cycles_watch`): its settings, each top-up it made, and the report admins read.

use crate::pagination::Page;
use candid::{CandidType, Deserialize, Principal};
use serde::Serialize;

/// Bounds on the settings (checked by the kit when an admin sets them).
pub mod limits {
    pub const MIN_INTERVAL_SECONDS: u64 = 60;
    pub const MAX_INTERVAL_SECONDS: u64 = 7 * 24 * 3600;
    pub const MAX_BATCH_SIZE: u32 = 100;
    /// Smaller top-ups cost about as much to send as they give.
    pub const MIN_TOP_UP: u128 = 1_000_000_000;
    /// Top-ups kept in the log; older ones are dropped first.
    pub const MAX_TOP_UP_EVENTS: u64 = 10_000;
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CyclesWatchSettings {
    /// Seconds between two passes of the watch.
    pub interval_seconds: u64,
    /// Contracts checked per pass; the next pass goes on where this one stopped.
    pub batch_size: u32,
    /// A contract with fewer cycles than this is topped up.
    pub threshold: u128,
    /// Cycles sent in one top-up (less when the daily cap or the factory's reserve leaves less).
    pub top_up_amount: u128,
    /// The most cycles one contract receives per day (UTC, days since the epoch).
    pub daily_cap_per_contract: u128,
    /// The factory never gives cycles that would take it below this.
    pub factory_reserve: u128,
    /// Below this the report flags the factory's own balance as low.
    pub low_balance_mark: u128,
}

impl Default for CyclesWatchSettings {
    fn default() -> Self {
        const T: u128 = 1_000_000_000_000;
        CyclesWatchSettings {
            interval_seconds: 3_600,
            batch_size: 20,
            threshold: T / 2,
            top_up_amount: T,
            daily_cap_per_contract: 2 * T,
            factory_reserve: T,
            low_balance_mark: 10 * T,
        }
    }
}

/// Cycles the factory sent to one of its contracts.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TopUpEvent {
    /// Position in the log (1, 2, ...).
    pub seq: u64,
    /// When the deposit succeeded (nanoseconds since the epoch).
    pub at: u64,
    pub contract: Principal,
    pub amount: u128,
    /// The contract's balance when the watch read it, before the top-up.
    pub balance_before: u128,
}

/// What one pass of the watch did.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct PassSummary {
    pub started_at: u64,
    /// Position in the contract list of the first contract checked.
    pub first_position: u64,
    pub checked: u32,
    pub topped_up: u32,
    /// Below the threshold but already given the daily cap.
    pub capped: u32,
    /// Below the threshold but the factory is at its reserve.
    pub held_back: u32,
    /// `canister_status` or `deposit_cycles` failed (nothing is counted as given then).
    pub failed: u32,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CyclesReport {
    pub factory_balance: u128,
    /// `factory_balance < settings.low_balance_mark`: the factory itself needs cycles.
    pub factory_low: bool,
    pub settings: CyclesWatchSettings,
    pub watched_contracts: u64,
    /// Where the next pass starts in the contract list.
    pub next_position: u64,
    pub last_pass: Option<PassSummary>,
    /// Every cycle given since the watch began (also those whose events left the log).
    pub total_given: u128,
    /// Top-ups, newest first.
    pub top_ups: Page<TopUpEvent>,
}
