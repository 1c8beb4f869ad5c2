//! Fixed-size (62 bytes) storage key of an account: principal length, principal padded to 29 bytes, and
//! the subaccount with `None` stored as all zeros (ICRC-1: the default subaccount and `None` are one account).

use candid::Principal;
use ic_stable_structures::storable::{Bound, Storable};
use icto_shared::token::Account;
use std::borrow::Cow;

pub const ACCOUNT_KEY_LEN: usize = 62;
const PRINCIPAL_MAX: usize = 29;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct AccountKey(pub [u8; ACCOUNT_KEY_LEN]);

impl AccountKey {
    pub fn new(account: &Account) -> Self {
        let mut key = [0u8; ACCOUNT_KEY_LEN];
        let owner = account.owner.as_slice();
        key[0] = owner.len() as u8;
        key[1..1 + owner.len()].copy_from_slice(owner);
        if let Some(sub) = &account.subaccount {
            key[1 + PRINCIPAL_MAX..].copy_from_slice(sub);
        }
        AccountKey(key)
    }

    /// The account back, with the all-zero subaccount reported as `None`.
    pub fn to_account(&self) -> Account {
        let len = self.0[0] as usize;
        let owner = Principal::from_slice(&self.0[1..1 + len]);
        let mut sub = [0u8; 32];
        sub.copy_from_slice(&self.0[1 + PRINCIPAL_MAX..]);
        Account { owner, subaccount: (sub != [0u8; 32]).then_some(sub) }
    }
}

impl Storable for AccountKey {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.0)
    }
    fn into_bytes(self) -> Vec<u8> {
        self.0.to_vec()
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        let mut key = [0u8; ACCOUNT_KEY_LEN];
        key.copy_from_slice(&bytes);
        AccountKey(key)
    }
    const BOUND: Bound = Bound::Bounded { max_size: ACCOUNT_KEY_LEN as u32, is_fixed_size: true };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_and_zero_subaccount_are_one_key() {
        let owner = Principal::from_slice(&[7; 29]);
        let a = AccountKey::new(&Account { owner, subaccount: None });
        let b = AccountKey::new(&Account { owner, subaccount: Some([0; 32]) });
        assert_eq!(a, b);
    }

    #[test]
    fn round_trips_and_separates_owners() {
        let acc = Account { owner: Principal::from_slice(&[1, 2, 3]), subaccount: Some([9; 32]) };
        let key = AccountKey::new(&acc);
        assert_eq!(key.to_account(), acc);
        let other = Account { owner: Principal::from_slice(&[1, 2]), subaccount: Some([9; 32]) };
        assert_ne!(AccountKey::new(&other), key);
        assert_eq!(AccountKey::from_bytes(key.to_bytes()), key);
    }
}
