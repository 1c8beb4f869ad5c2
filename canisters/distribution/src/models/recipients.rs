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
