use candid::{CandidType, Deserialize};

/// What left the wallet on one UTC day for one limited token.
#[derive(CandidType, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct DaySpend {
    /// Days since the epoch (UTC).
    pub day: u64,
    pub spent: u128,
}

pub const NANOS_PER_DAY: u64 = 24 * 3_600 * 1_000_000_000;

pub fn utc_day(now: u64) -> u64 {
    now / NANOS_PER_DAY
}
