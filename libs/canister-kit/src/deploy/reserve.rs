//! Cycles set aside for deploys in flight. A factory checks its balance before the first await, but the
//! balance only drops when `create_canister` runs: without a reservation, concurrent deploys would each
//! see the same balance and together spend below the factory's own reserve. A `CyclesReservation`
//! counts against every later check until it drops (on every path, as `lock::Lock` does).

use icto_shared::kit::KitError;
use candid::Nat;
use std::cell::Cell;

thread_local! {
    static RESERVED: Cell<u128> = const { Cell::new(0) };
}

/// `amount` cycles promised to a deploy in flight, released when dropped.
#[must_use = "the cycles are released as soon as the reservation is dropped"]
#[derive(Debug)]
pub struct CyclesReservation {
    amount: u128,
}

impl CyclesReservation {
    /// Reserves `amount` when `balance` covers every reservation in flight, this one and `keep` (what
    /// the factory keeps for itself); refused otherwise, with the figures.
    pub fn take(balance: u128, amount: u128, keep: u128) -> Result<CyclesReservation, KitError> {
        let in_flight = reserved();
        let required = Nat::from(in_flight) + Nat::from(amount) + Nat::from(keep);
        if Nat::from(balance) < required {
            return Err(KitError::InsufficientCycles { balance: Nat::from(balance), required });
        }
        RESERVED.with(|r| r.set(in_flight.saturating_add(amount)));
        Ok(CyclesReservation { amount })
    }

    pub fn amount(&self) -> u128 {
        self.amount
    }
}

impl Drop for CyclesReservation {
    fn drop(&mut self) {
        RESERVED.with(|r| r.set(r.get().saturating_sub(self.amount)));
    }
}

/// Cycles reserved by deploys in flight.
pub fn reserved() -> u128 {
    RESERVED.with(|r| r.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_deploy_sees_the_first_ones_reservation_until_it_drops() {
        let first = CyclesReservation::take(200, 100, 50).expect("200 covers 100 + 50");
        assert_eq!(reserved(), 100);
        assert_eq!(
            CyclesReservation::take(200, 100, 50).unwrap_err(),
            KitError::InsufficientCycles { balance: Nat::from(200u8), required: Nat::from(250u16) },
            "the first deploy's 100 still count"
        );
        drop(first);
        assert_eq!(reserved(), 0);
        let again = CyclesReservation::take(200, 100, 50).expect("released");
        assert_eq!(again.amount(), 100);
    }

    #[test]
    fn sums_do_not_overflow() {
        assert!(CyclesReservation::take(u128::MAX, u128::MAX, 1).is_err());
        assert_eq!(reserved(), 0);
    }
}
