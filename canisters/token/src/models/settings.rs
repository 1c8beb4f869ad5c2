//! The ledger's configuration (set at init, changed by upgrade args), kept in a stable cell.

use candid::{CandidType, Decode, Deserialize, Encode, Principal};
use ic_stable_structures::storable::{Bound, Storable};
use icto_shared::token::{Account, MetadataValue};
use std::borrow::Cow;

pub const DEFAULT_MAX_MEMO_LENGTH: u16 = 32;
pub const MAX_MEMO_LENGTH_LIMIT: u16 = 256;
pub const DEFAULT_MAX_TRANSACTIONS_IN_WINDOW: u64 = 1_000_000;

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct LedgerSettings {
    pub minting_account: Account,
    pub fee_collector: Option<Account>,
    /// Index of the block that first named the current fee collector (later blocks point at it).
    pub fee_collector_block: Option<u64>,
    pub transfer_fee: u128,
    pub decimals: u8,
    pub max_memo_length: u16,
    pub token_symbol: String,
    pub token_name: String,
    /// Extra metadata from init/upgrade args (e.g. `icrc1:logo`); standard keys are computed, not stored.
    pub metadata: Vec<(String, MetadataValue)>,
    pub icrc2_enabled: bool,
    pub max_transactions_in_window: u64,
}

impl Default for LedgerSettings {
    fn default() -> Self {
        LedgerSettings {
            minting_account: Account::of(Principal::anonymous()),
            fee_collector: None,
            fee_collector_block: None,
            transfer_fee: 0,
            decimals: 8,
            max_memo_length: DEFAULT_MAX_MEMO_LENGTH,
            token_symbol: String::new(),
            token_name: String::new(),
            metadata: Vec::new(),
            icrc2_enabled: true,
            max_transactions_in_window: DEFAULT_MAX_TRANSACTIONS_IN_WINDOW,
        }
    }
}

impl Storable for LedgerSettings {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(Encode!(self).expect("settings encode"))
    }
    fn into_bytes(self) -> Vec<u8> {
        Encode!(&self).expect("settings encode")
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        Decode!(&bytes, LedgerSettings).expect("settings decode")
    }
    const BOUND: Bound = Bound::Unbounded;
}
