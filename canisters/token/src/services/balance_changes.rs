//! Balance changes of one transaction, computed before anything is written (so every check can still
//! fail cleanly) and then written together. Handles one account appearing twice (self transfers).

use super::errors::{codes, TxError};
use crate::models::account_key::AccountKey;
use crate::repositories::balances;

#[derive(Default)]
pub struct BalanceChanges {
    entries: Vec<(AccountKey, u128)>,
}

impl BalanceChanges {
    fn slot(&mut self, key: AccountKey) -> &mut u128 {
        let pos = match self.entries.iter().position(|(k, _)| *k == key) {
            Some(p) => p,
            None => {
                self.entries.push((key, balances::get(&key)));
                self.entries.len() - 1
            }
        };
        &mut self.entries[pos].1
    }

    pub fn debit(&mut self, key: AccountKey, amount: u128) -> Result<(), TxError> {
        let balance = self.slot(key);
        if *balance < amount {
            return Err(TxError::InsufficientFunds { balance: *balance });
        }
        *balance -= amount;
        Ok(())
    }

    pub fn credit(&mut self, key: AccountKey, amount: u128) -> Result<(), TxError> {
        let balance = self.slot(key);
        *balance = balance
            .checked_add(amount)
            .ok_or_else(|| TxError::generic(codes::BALANCE_OVERFLOW, "balance would overflow"))?;
        Ok(())
    }

    pub fn commit(self) {
        for (key, balance) in self.entries {
            balances::set(key, balance);
        }
    }
}
