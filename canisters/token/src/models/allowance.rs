//! A stored allowance: key (owner account, spender account) and value (amount, expiry; 0 = none).

use super::account_key::{AccountKey, ACCOUNT_KEY_LEN};
use ic_stable_structures::storable::{Bound, Storable};
use std::borrow::Cow;

const KEY_LEN: usize = 2 * ACCOUNT_KEY_LEN;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct AllowanceKey(pub [u8; KEY_LEN]);

impl AllowanceKey {
    pub fn new(owner: &AccountKey, spender: &AccountKey) -> Self {
        let mut key = [0u8; KEY_LEN];
        key[..ACCOUNT_KEY_LEN].copy_from_slice(&owner.0);
        key[ACCOUNT_KEY_LEN..].copy_from_slice(&spender.0);
        AllowanceKey(key)
    }
}

impl Storable for AllowanceKey {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.0)
    }
    fn into_bytes(self) -> Vec<u8> {
        self.0.to_vec()
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        let mut key = [0u8; KEY_LEN];
        key.copy_from_slice(&bytes);
        AllowanceKey(key)
    }
    const BOUND: Bound = Bound::Bounded { max_size: KEY_LEN as u32, is_fixed_size: true };
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct StoredAllowance {
    pub amount: u128,
    pub expires_at: Option<u64>,
}

impl StoredAllowance {
    pub fn is_expired(&self, now: u64) -> bool {
        matches!(self.expires_at, Some(t) if t <= now)
    }
}

impl Storable for StoredAllowance {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        let mut b = [0u8; 24];
        b[..16].copy_from_slice(&self.amount.to_le_bytes());
        b[16..].copy_from_slice(&self.expires_at.unwrap_or(0).to_le_bytes());
        Cow::Owned(b.to_vec())
    }
    fn into_bytes(self) -> Vec<u8> {
        self.to_bytes().into_owned()
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        let amount = u128::from_le_bytes(bytes[..16].try_into().unwrap());
        let expires = u64::from_le_bytes(bytes[16..24].try_into().unwrap());
        StoredAllowance { amount, expires_at: (expires != 0).then_some(expires) }
    }
    const BOUND: Bound = Bound::Bounded { max_size: 24, is_fixed_size: true };
}
