//! The few settings a transaction needs, copied out of the settings cell (which may hold a large logo).

use crate::models::account_key::AccountKey;
use crate::repositories::settings;
use icto_shared::token::Account;

pub struct TxParams {
    pub minting_key: AccountKey,
    pub transfer_fee: u128,
    pub max_memo_length: u16,
    pub icrc2_enabled: bool,
    pub max_transactions_in_window: u64,
    pub fee_collector: Option<Account>,
}

pub fn load() -> TxParams {
    settings::with(|s| TxParams {
        minting_key: AccountKey::new(&s.minting_account),
        transfer_fee: s.transfer_fee,
        max_memo_length: s.max_memo_length,
        icrc2_enabled: s.icrc2_enabled,
        max_transactions_in_window: s.max_transactions_in_window,
        fee_collector: s.fee_collector.clone(),
    })
}
