//! Checks a token config against the factory's limits and turns it into the ledger's init args. Pure:
//! the backend (before it charges), the token factory (before it deploys) and the app (before it sends)
//! run this same function, so a request the backend accepts is one the factory accepts.

use crate::token::{Account, FeatureFlags, InitArgs, MetadataValue};
use crate::token_factory::limits::*;
use crate::token_factory::{ConfigError, TokenConfig, DEFAULT_MINTING_SUBACCOUNT};
use candid::{Nat, Principal};

fn u128_of(n: &Nat) -> Option<u128> {
    u128::try_from(&n.0).ok()
}

pub fn validate(owner: Principal, c: &TokenConfig) -> Result<InitArgs, ConfigError> {
    let name_chars = c.name.trim().chars().count();
    if name_chars < NAME_MIN_CHARS || name_chars > NAME_MAX_CHARS || c.name.chars().count() != name_chars {
        return Err(ConfigError::NameLength { min: NAME_MIN_CHARS as u32, max: NAME_MAX_CHARS as u32 });
    }
    let symbol_chars = c.symbol.chars().count();
    if !(SYMBOL_MIN_CHARS..=SYMBOL_MAX_CHARS).contains(&symbol_chars) {
        return Err(ConfigError::SymbolLength { min: SYMBOL_MIN_CHARS as u32, max: SYMBOL_MAX_CHARS as u32 });
    }
    if !c.symbol.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        return Err(ConfigError::SymbolCharacters);
    }
    if c.decimals > MAX_DECIMALS {
        return Err(ConfigError::DecimalsTooLarge { max: MAX_DECIMALS });
    }
    if let Some(logo) = &c.logo {
        if logo.len() > MAX_LOGO_BYTES {
            return Err(ConfigError::LogoTooLarge { max_bytes: MAX_LOGO_BYTES as u64 });
        }
        if !logo.starts_with("data:image/") {
            return Err(ConfigError::LogoNotDataUrl);
        }
    }
    if c.description.as_ref().is_some_and(|d| d.chars().count() > MAX_DESCRIPTION_CHARS) {
        return Err(ConfigError::DescriptionTooLong { max: MAX_DESCRIPTION_CHARS as u32 });
    }
    if c.website.as_ref().is_some_and(|w| w.chars().count() > MAX_WEBSITE_CHARS) {
        return Err(ConfigError::WebsiteTooLong { max: MAX_WEBSITE_CHARS as u32 });
    }
    if u128_of(&c.transfer_fee).is_none() {
        return Err(ConfigError::FeeTooLarge);
    }
    if c.initial_balances.len() > MAX_INITIAL_BALANCES {
        return Err(ConfigError::TooManyInitialBalances { max: MAX_INITIAL_BALANCES as u32 });
    }
    let minting_account = c
        .minting_account
        .clone()
        .unwrap_or(Account { owner, subaccount: Some(DEFAULT_MINTING_SUBACCOUNT) });
    let mut sum: u128 = 0;
    for (i, (account, amount)) in c.initial_balances.iter().enumerate() {
        let index = i as u32;
        if account.owner == minting_account.owner
            && account.effective_subaccount() == minting_account.effective_subaccount()
        {
            return Err(ConfigError::BalanceForMintingAccount { index });
        }
        let amount = u128_of(amount).ok_or(ConfigError::InitialBalanceTooLarge { index })?;
        sum = sum.checked_add(amount).ok_or(ConfigError::InitialBalancesOverflow)?;
    }

    let mut metadata = Vec::new();
    if let Some(logo) = &c.logo {
        metadata.push(("icrc1:logo".to_string(), MetadataValue::Text(logo.clone())));
    }
    if let Some(d) = &c.description {
        metadata.push(("icto:description".to_string(), MetadataValue::Text(d.clone())));
    }
    if let Some(w) = &c.website {
        metadata.push(("icto:website".to_string(), MetadataValue::Text(w.clone())));
    }
    Ok(InitArgs {
        minting_account,
        fee_collector_account: c.fee_collector.clone(),
        transfer_fee: c.transfer_fee.clone(),
        decimals: Some(c.decimals),
        max_memo_length: Some(64),
        token_symbol: c.symbol.clone(),
        token_name: c.name.trim().to_string(),
        metadata,
        initial_balances: c.initial_balances.clone(),
        feature_flags: Some(FeatureFlags { icrc2: true }),
        max_transactions_in_window: None,
    })
}

/// Sum of the initial balances (valid configs only).
pub fn initial_supply(c: &TokenConfig) -> Nat {
    c.initial_balances.iter().fold(Nat::from(0u8), |acc, (_, amount)| acc + amount.clone())
}
