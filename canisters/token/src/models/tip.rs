//! The ledger's running totals: hash of the last block and total supply (49 fixed bytes, written per block).

use ic_stable_structures::storable::{Bound, Storable};
use std::borrow::Cow;

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct LedgerTip {
    pub last_hash: Option<[u8; 32]>,
    pub total_supply: u128,
}

impl Storable for LedgerTip {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        let mut b = vec![0u8; 49];
        if let Some(h) = &self.last_hash {
            b[0] = 1;
            b[1..33].copy_from_slice(h);
        }
        b[33..].copy_from_slice(&self.total_supply.to_le_bytes());
        Cow::Owned(b)
    }
    fn into_bytes(self) -> Vec<u8> {
        self.to_bytes().into_owned()
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        let last_hash = (bytes[0] == 1).then(|| bytes[1..33].try_into().unwrap());
        let total_supply = u128::from_le_bytes(bytes[33..49].try_into().unwrap());
        LedgerTip { last_hash, total_supply }
    }
    const BOUND: Bound = Bound::Bounded { max_size: 49, is_fixed_size: true };
}
