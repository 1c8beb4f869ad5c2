//! Balance changes of one transaction, computed before anything is written (so every check can still
//! fail cleanly) and then written together. Handles one account appearing twice (self transfers).

use super::errors::{codes, TxError};
use crate::models::account_key::AccountKey;
use crate::repositories::balances;

/// An account touched by the transaction: where its balance is stored and its new balance.
struct Entry {
    key: AccountKey,
    slot: Option<u64>,
    balance: u128,
}

#[derive(Default)]
pub struct BalanceChanges {
    entries: Vec<Entry>,
}

impl BalanceChanges {
    fn slot(&mut self, key: AccountKey) -> &mut u128 {
        let pos = match self.entries.iter().position(|e| e.key == key) {
            Some(p) => p,
            None => {
                let found = balances::find(&key);
                self.entries.push(Entry { key, slot: found.slot, balance: found.balance });
                self.entries.len() - 1
            }
        };
        &mut self.entries[pos].balance
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
        for e in self.entries {
            balances::write(e.key, e.slot, e.balance);
        }
    }
}
