//! Token configs for tests that deploy tokens.

use candid::{Nat, Principal};
use icto_shared::token::Account;
use icto_shared::token_factory::TokenConfig;

/// A valid config: 8 decimals, a fee of 10,000, `whole_units` held by `holder`, nothing optional.
pub fn simple_config(name: &str, symbol: &str, holder: Principal, whole_units: u64) -> TokenConfig {
    TokenConfig {
        name: name.into(),
        symbol: symbol.into(),
        decimals: 8,
        transfer_fee: Nat::from(10_000u32),
        logo: None,
        description: None,
        website: None,
        initial_balances: vec![(Account::of(holder), Nat::from(whole_units) * Nat::from(100_000_000u64))],
        minting_account: None,
        fee_collector: None,
        fixed_supply: None,
    }
}
