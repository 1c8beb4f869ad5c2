use candid::{CandidType, Deserialize, Principal};
use ic_stable_structures::storable::{Bound, Storable};
use icto_shared::token::{Account, Subaccount};
use std::borrow::Cow;

/// One allocation row.
#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub owner: Principal,
    #[serde(default, deserialize_with = "icto_shared::token::subaccount_serde::deserialize")]
    pub subaccount: Option<Subaccount>,
    pub category: u32,
    pub amount: u128,
    pub claimed: u128,
    /// The ledger fee funded for this row at activation is still unused (the first claim paying this row
    /// uses it; later claims pay the fee out of the amount).
    pub prepaid_fee: bool,
}

impl Recipient {
    pub fn account(&self) -> Account {
        Account { owner: self.owner, subaccount: self.subaccount }
    }

    pub fn key(&self) -> AccountKey {
        AccountKey::new(self.owner, self.subaccount, self.category)
    }
}

const PRINCIPAL_MAX: usize = 29;
const ROW_SIZE: usize = 1 + PRINCIPAL_MAX + 1 + 32 + 4 + 16 + 16 + 1;

/// A row as 100 fixed bytes (owner length and bytes, subaccount flag and bytes, category, amount, claimed,
/// prepaid flag; integers big-endian): a Candid encoding costs several times more instructions per row, and
/// `add_recipients` and `cancel` handle tens of thousands of rows per message.
impl Storable for Recipient {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(self.encode().to_vec())
    }
    fn into_bytes(self) -> Vec<u8> {
        self.encode().to_vec()
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        let b = bytes.as_ref();
        let owner = Principal::from_slice(&b[1..1 + b[0] as usize]);
        let mut i = 1 + PRINCIPAL_MAX;
        let subaccount = (b[i] == 1).then(|| <[u8; 32]>::try_from(&b[i + 1..i + 33]).expect("32 bytes"));
        i += 33;
        let category = u32::from_be_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        i += 4;
        let amount = u128::from_be_bytes(b[i..i + 16].try_into().expect("16 bytes"));
        i += 16;
        let claimed = u128::from_be_bytes(b[i..i + 16].try_into().expect("16 bytes"));
        i += 16;
        Recipient { owner, subaccount, category, amount, claimed, prepaid_fee: b[i] == 1 }
    }
    const BOUND: Bound = Bound::Bounded { max_size: ROW_SIZE as u32, is_fixed_size: true };
}

impl Recipient {
    fn encode(&self) -> [u8; ROW_SIZE] {
        let mut b = [0u8; ROW_SIZE];
        let owner = self.owner.as_slice();
        b[0] = owner.len() as u8;
        b[1..1 + owner.len()].copy_from_slice(owner);
        let mut i = 1 + PRINCIPAL_MAX;
        if let Some(sub) = self.subaccount {
            b[i] = 1;
            b[i + 1..i + 33].copy_from_slice(&sub);
        }
        i += 33;
        b[i..i + 4].copy_from_slice(&self.category.to_be_bytes());
        i += 4;
        b[i..i + 16].copy_from_slice(&self.amount.to_be_bytes());
        i += 16;
        b[i..i + 16].copy_from_slice(&self.claimed.to_be_bytes());
        i += 16;
        b[i] = u8::from(self.prepaid_fee);
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_through_their_fixed_encoding() {
        let rows = [
            Recipient { owner: Principal::from_slice(&[7; 29]), subaccount: Some([9; 32]), category: u32::MAX, amount: u128::MAX, claimed: u128::MAX - 1, prepaid_fee: true },
            Recipient { owner: Principal::from_slice(&[1]), subaccount: None, category: 0, amount: 1, claimed: 0, prepaid_fee: false },
            Recipient { owner: Principal::from_slice(&[2; 10]), subaccount: Some([0; 32]), category: 3, amount: 5, claimed: 5, prepaid_fee: false },
        ];
        for r in rows {
            let bytes = r.to_bytes();
            assert_eq!(bytes.len(), ROW_SIZE);
            assert_eq!(Recipient::from_bytes(bytes), r);
        }
    }
}
const KEY_SIZE: usize = 1 + PRINCIPAL_MAX + 32 + 4;

/// (owner, subaccount, category) as fixed-size bytes ordered by owner first: the length of the principal,
/// its bytes (zero-padded), the effective subaccount (`None` is the zero subaccount: one ICRC-1 account),
/// the category (big-endian). All keys of one owner are one contiguous range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AccountKey([u8; KEY_SIZE]);

impl AccountKey {
    pub fn new(owner: Principal, subaccount: Option<Subaccount>, category: u32) -> AccountKey {
        let mut key = Self::owner_prefix(owner);
        key.0[1 + PRINCIPAL_MAX..1 + PRINCIPAL_MAX + 32].copy_from_slice(&subaccount.unwrap_or([0; 32]));
        key.0[KEY_SIZE - 4..].copy_from_slice(&category.to_be_bytes());
        key
    }

    fn owner_prefix(owner: Principal) -> AccountKey {
        let bytes = owner.as_slice();
        let mut key = [0u8; KEY_SIZE];
        key[0] = bytes.len() as u8;
        key[1..1 + bytes.len()].copy_from_slice(bytes);
        AccountKey(key)
    }

    /// The first and last keys an owner can have.
    pub fn owner_range(owner: Principal) -> std::ops::RangeInclusive<AccountKey> {
        let first = Self::owner_prefix(owner);
        let mut last = first;
        last.0[1 + PRINCIPAL_MAX..].fill(0xff);
        first..=last
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
        let mut key = [0u8; KEY_SIZE];
        key.copy_from_slice(&bytes);
        AccountKey(key)
    }
    const BOUND: Bound = Bound::Bounded { max_size: KEY_SIZE as u32, is_fixed_size: true };
}
