//! The devnet's clock: driven by the test (`advance_time`) or following real time. Either way it
//! never goes backwards, and the time seen by one execution is fixed for that execution.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 2025-01-01T00:00:00Z: the start of a test-driven clock.
pub const DEFAULT_START_NANOS: u64 = 1_735_689_600_000_000_000;

#[derive(Clone, Debug)]
pub struct Clock {
    real_time: bool,
    now: u64,
}

impl Clock {
    pub fn new(real_time: bool) -> Self {
        let now = if real_time { wall_clock_nanos() } else { DEFAULT_START_NANOS };
        Clock { real_time, now }
    }

    pub fn is_real_time(&self) -> bool {
        self.real_time
    }

    /// The current time; in real-time mode it catches up with the wall clock first.
    pub fn now(&mut self) -> u64 {
        if self.real_time {
            self.now = self.now.max(wall_clock_nanos());
        }
        self.now
    }

    pub fn advance(&mut self, d: Duration) {
        self.now = self.now.saturating_add(d.as_nanos().min(u64::MAX as u128) as u64);
    }

    pub fn set(&mut self, t: u64) {
        self.now = t;
    }
}

fn wall_clock_nanos() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}
