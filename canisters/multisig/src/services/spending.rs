//! Daily spending limits per tracked token (UTC days of IC time). Transfers, batch totals and approve
//! amounts count. An execution is checked and counted before its first await; what failed is given back.

use crate::models::spending::{utc_day, DaySpend};
use crate::models::wallet::Wallet;
use crate::repositories::spending as store;
use crate::services::to_u128;
use candid::{Nat, Principal};
use icto_shared::multisig::{MultisigError, SpendingInfo};

fn spent_on(ledger: &Principal, day: u64) -> u128 {
    let s = store::get(ledger);
    if s.day == day { s.spent } else { 0 }
}

/// Counts `amount` against today's limit of `ledger` (if it has one). Returns the day counted on, or
/// `SpendingLimitExceeded` with nothing counted.
pub fn count(wallet: &Wallet, ledger: Principal, amount: u128, now: u64) -> Result<Option<u64>, MultisigError> {
    let Some(limit) = wallet.limit_of(&ledger) else { return Ok(None) };
    let day = utc_day(now);
    let spent = spent_on(&ledger, day);
    let max = to_u128(&limit.daily_max).unwrap_or(u128::MAX);
    match spent.checked_add(amount) {
        Some(total) if total <= max => {
            store::set(ledger, DaySpend { day, spent: total });
            Ok(Some(day))
        }
        _ => Err(MultisigError::SpendingLimitExceeded {
            ledger,
            daily_max: limit.daily_max.clone(),
            spent_today: Nat::from(spent),
            requested: Nat::from(amount),
        }),
    }
}

/// Gives back what was counted on `day` for transfers that did not happen (a new day started afresh).
pub fn give_back(ledger: Principal, day: u64, amount: u128) {
    let s = store::get(&ledger);
    if s.day == day && amount > 0 {
        store::set(ledger, DaySpend { day, spent: s.spent.saturating_sub(amount) });
    }
}

pub fn today(wallet: &Wallet, now: u64) -> Vec<SpendingInfo> {
    let day = utc_day(now);
    wallet
        .spending_limits
        .iter()
        .map(|l| SpendingInfo { ledger: l.ledger, daily_max: l.daily_max.clone(), spent_today: Nat::from(spent_on(&l.ledger, day)) })
        .collect()
}
