//! The watch's rules as pure functions: which settings are valid, which day a time falls on, and what
//! a contract below the threshold gets.

use icto_shared::cycles::limits::*;
use icto_shared::cycles::CyclesWatchSettings;
use icto_shared::kit::KitError;

const NANOS_PER_DAY: u64 = 86_400 * 1_000_000_000;

/// Days since the epoch (UTC): the cap counts what each contract received on one of these.
pub fn day_of(now_nanos: u64) -> u64 {
    now_nanos / NANOS_PER_DAY
}

pub fn validate(s: &CyclesWatchSettings) -> Result<(), KitError> {
    let invalid = |why: String| Err(KitError::InvalidArgument(why));
    if !(MIN_INTERVAL_SECONDS..=MAX_INTERVAL_SECONDS).contains(&s.interval_seconds) {
        return invalid(format!("interval_seconds must be between {MIN_INTERVAL_SECONDS} and {MAX_INTERVAL_SECONDS}"));
    }
    if !(1..=MAX_BATCH_SIZE).contains(&s.batch_size) {
        return invalid(format!("batch_size must be between 1 and {MAX_BATCH_SIZE}"));
    }
    if s.threshold == 0 {
        return invalid("threshold must be above 0".into());
    }
    if s.top_up_amount < MIN_TOP_UP {
        return invalid(format!("top_up_amount must be at least {MIN_TOP_UP}"));
    }
    if s.daily_cap_per_contract < s.top_up_amount {
        return invalid("daily_cap_per_contract must be at least top_up_amount".into());
    }
    Ok(())
}

/// What the watch does for one contract it has just read the balance of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// At or above the threshold.
    Enough,
    /// Send this many cycles.
    TopUp(u128),
    /// Below the threshold, but the day's cap is (nearly) used up.
    CapReached,
    /// Below the threshold, but giving would take the factory below its reserve.
    HoldBack,
}

/// `balance`: the contract's cycles; `given_today`: what it already got today; `factory_balance`:
/// the factory's own cycles now. A top-up is `top_up_amount`, less when the cap or the factory's spare
/// cycles leave less, and never below `MIN_TOP_UP` (not worth a call).
pub fn decide(s: &CyclesWatchSettings, balance: u128, given_today: u128, factory_balance: u128) -> Decision {
    if balance >= s.threshold {
        return Decision::Enough;
    }
    let left_today = s.daily_cap_per_contract.saturating_sub(given_today);
    if left_today < MIN_TOP_UP {
        return Decision::CapReached;
    }
    let spare = factory_balance.saturating_sub(s.factory_reserve);
    let amount = s.top_up_amount.min(left_today).min(spare);
    if amount < MIN_TOP_UP {
        return Decision::HoldBack;
    }
    Decision::TopUp(amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: u128 = 1_000_000_000_000;

    fn settings() -> CyclesWatchSettings {
        CyclesWatchSettings {
            interval_seconds: 600,
            batch_size: 10,
            threshold: 2 * T,
            top_up_amount: T,
            daily_cap_per_contract: 3 * T / 2,
            factory_reserve: 5 * T,
            low_balance_mark: 10 * T,
        }
    }

    #[test]
    fn a_contract_above_the_threshold_gets_nothing() {
        assert_eq!(decide(&settings(), 2 * T, 0, 100 * T), Decision::Enough);
        assert_eq!(decide(&settings(), u128::MAX, 0, 100 * T), Decision::Enough);
    }

    #[test]
    fn a_contract_below_gets_the_top_up_within_the_days_cap() {
        let s = settings();
        assert_eq!(decide(&s, 2 * T - 1, 0, 100 * T), Decision::TopUp(T));
        // One top-up given today: only what is left of the cap.
        assert_eq!(decide(&s, 0, T, 100 * T), Decision::TopUp(T / 2));
        assert_eq!(decide(&s, 0, 3 * T / 2, 100 * T), Decision::CapReached);
        assert_eq!(decide(&s, 0, 3 * T / 2 - MIN_TOP_UP + 1, 100 * T), Decision::CapReached, "not worth a call");
        assert_eq!(decide(&s, 0, u128::MAX, 100 * T), Decision::CapReached, "no overflow");
    }

    #[test]
    fn the_factory_never_goes_below_its_reserve() {
        let s = settings();
        assert_eq!(decide(&s, 0, 0, 5 * T + T / 4), Decision::TopUp(T / 4));
        assert_eq!(decide(&s, 0, 0, 5 * T), Decision::HoldBack);
        assert_eq!(decide(&s, 0, 0, 0), Decision::HoldBack);
        assert_eq!(decide(&s, 0, 0, 5 * T + MIN_TOP_UP - 1), Decision::HoldBack);
    }

    #[test]
    fn days_are_utc_days_since_the_epoch() {
        assert_eq!(day_of(0), 0);
        assert_eq!(day_of(NANOS_PER_DAY - 1), 0);
        assert_eq!(day_of(NANOS_PER_DAY), 1);
        assert_eq!(day_of(1_764_000_000 * 1_000_000_000), 20_416);
    }

    #[test]
    fn settings_out_of_bounds_are_refused() {
        assert_eq!(validate(&settings()), Ok(()));
        assert_eq!(validate(&CyclesWatchSettings::default()), Ok(()));
        let bad: [fn(&mut CyclesWatchSettings); 6] = [
            |s| s.interval_seconds = 59,
            |s| s.interval_seconds = MAX_INTERVAL_SECONDS + 1,
            |s| s.batch_size = 0,
            |s| s.batch_size = MAX_BATCH_SIZE + 1,
            |s| s.top_up_amount = MIN_TOP_UP - 1,
            |s| s.daily_cap_per_contract = s.top_up_amount - 1,
        ];
        for change in bad {
            let mut s = settings();
            change(&mut s);
            assert!(matches!(validate(&s), Err(KitError::InvalidArgument(_))), "{s:?}");
        }
        let mut s = settings();
        s.threshold = 0;
        assert!(validate(&s).is_err());
    }
}
