//! The devnet's clock: driven by the test (`advance_time`) or following real time. Either way it
//! never goes backwards, and the time seen by one execution is fixed for that execution. A real-time
//! clock moved ahead (`advance`, or resumed from a snapshot taken ahead of the wall clock) keeps
//! running from there: it follows the wall clock plus the offset, rather than standing still until
//! the wall clock catches up.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 2025-01-01T00:00:00Z: the start of a test-driven clock.
pub const DEFAULT_START_NANOS: u64 = 1_735_689_600_000_000_000;

#[derive(Clone, Debug)]
pub struct Clock {
    real_time: bool,
    now: u64,
    /// Real-time mode: how far ahead of the wall clock this clock runs.
    ahead_of_wall: u64,
}

impl Clock {
    pub fn new(real_time: bool) -> Self {
        let now = if real_time { wall_clock_nanos() } else { DEFAULT_START_NANOS };
        Clock { real_time, now, ahead_of_wall: 0 }
    }

    pub fn is_real_time(&self) -> bool {
        self.real_time
    }

    /// The current time; in real-time mode it catches up with the wall clock (plus the offset) first.
    pub fn now(&mut self) -> u64 {
        if self.real_time {
            self.now = self.now.max(wall_clock_nanos().saturating_add(self.ahead_of_wall));
        }
        self.now
    }

    pub fn advance(&mut self, d: Duration) {
        let d = d.as_nanos().min(u64::MAX as u128) as u64;
        let now = self.now();
        self.set(now.saturating_add(d));
    }

    /// Moves the clock to `t`. In real-time mode a `t` ahead of the wall clock becomes the offset it
    /// runs ahead by; a `t` behind what the clock already showed is ignored there (it never goes back).
    pub fn set(&mut self, t: u64) {
        if self.real_time {
            self.ahead_of_wall = t.saturating_sub(wall_clock_nanos());
            self.now = self.now.max(t);
        } else {
            self.now = t;
        }
    }
}

fn wall_clock_nanos() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_time_clock_moved_ahead_keeps_running_from_there() {
        let mut clock = Clock::new(true);
        let start = clock.now();
        clock.advance(Duration::from_secs(3600));
        let after = clock.now();
        assert!(after >= start + 3_600_000_000_000);
        std::thread::sleep(Duration::from_millis(20));
        // Running, not frozen until the wall clock reaches the hour.
        assert!(clock.now() >= after + 20_000_000);
        assert!(clock.now() < wall_clock_nanos() + 3_601_000_000_000);
    }

    #[test]
    fn a_real_time_clock_never_goes_back() {
        let mut clock = Clock::new(true);
        clock.advance(Duration::from_secs(60));
        let ahead = clock.now();
        clock.set(wall_clock_nanos() - 1_000_000_000);
        assert!(clock.now() >= ahead);
    }

    #[test]
    fn a_test_driven_clock_moves_only_when_told() {
        let mut clock = Clock::new(false);
        assert_eq!(clock.now(), DEFAULT_START_NANOS);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(clock.now(), DEFAULT_START_NANOS);
        clock.advance(Duration::from_secs(1));
        assert_eq!(clock.now(), DEFAULT_START_NANOS + 1_000_000_000);
    }
}
