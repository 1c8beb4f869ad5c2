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

/// Symbols of well-known tokens on the IC and elsewhere: a new token may not pose as one of them.
const RESERVED_SYMBOLS: &[&str] = &[
    "ICP", "WICP", "XTC", "CYCLES", "TCYCLES", "BTC", "ETH", "USDC", "USDT", "DAI", "EURC", "XAUT", "LINK",
];

/// Characters that change how the text around them is displayed: bidirectional embeddings, overrides and
/// isolates, directional marks, zero-width joiners and spaces, the byte-order mark.
fn is_invisible_or_bidi(ch: char) -> bool {
    matches!(ch, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

fn clean_line(text: &str) -> bool {
    !text.chars().any(|ch| ch.is_control() || is_invisible_or_bidi(ch))
}

/// Like `clean_line`, but line breaks are allowed.
fn clean_text(text: &str) -> bool {
    !text.chars().any(|ch| (ch.is_control() && ch != '\n') || is_invisible_or_bidi(ch))
}

/// `ICP`, `icp`, `ckBTC`, `ckFOO` (the chain-key style: `ck` then a capital letter).
fn is_reserved_symbol(symbol: &str) -> bool {
    let chain_key_style = symbol.starts_with("ck") && symbol[2..].starts_with(|c: char| c.is_ascii_uppercase());
    chain_key_style || RESERVED_SYMBOLS.iter().any(|r| r.eq_ignore_ascii_case(symbol))
}

/// `https://host[.tld][/path...]`: printable ASCII, no user info (`https://icp.org@evil.example`), a host
/// with a dot.
fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    url.chars().all(|c| c.is_ascii_graphic())
        && !host.contains('@')
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
}

pub fn validate(owner: Principal, c: &TokenConfig) -> Result<InitArgs, ConfigError> {
    if owner == Principal::anonymous() {
        return Err(ConfigError::AnonymousOwner);
    }
    let name_chars = c.name.trim().chars().count();
    if name_chars < NAME_MIN_CHARS || name_chars > NAME_MAX_CHARS || c.name.chars().count() != name_chars {
        return Err(ConfigError::NameLength { min: NAME_MIN_CHARS as u32, max: NAME_MAX_CHARS as u32 });
    }
    let symbol_chars = c.symbol.chars().count();
    if !(SYMBOL_MIN_CHARS..=SYMBOL_MAX_CHARS).contains(&symbol_chars) {
        return Err(ConfigError::SymbolLength { min: SYMBOL_MIN_CHARS as u32, max: SYMBOL_MAX_CHARS as u32 });
    }
    if !clean_line(&c.name) {
        return Err(ConfigError::NameCharacters);
    }
    if !c.symbol.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        return Err(ConfigError::SymbolCharacters);
    }
    if is_reserved_symbol(&c.symbol) {
        return Err(ConfigError::ReservedSymbol(c.symbol.clone()));
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
    if c.description.as_ref().is_some_and(|d| !clean_text(d)) {
        return Err(ConfigError::DescriptionCharacters);
    }
    if c.website.as_ref().is_some_and(|w| w.chars().count() > MAX_WEBSITE_CHARS) {
        return Err(ConfigError::WebsiteTooLong { max: MAX_WEBSITE_CHARS as u32 });
    }
    if c.website.as_ref().is_some_and(|w| !is_https_url(w)) {
        return Err(ConfigError::WebsiteNotHttpsUrl);
    }
    match u128_of(&c.transfer_fee) {
        None => return Err(ConfigError::FeeTooLarge),
        Some(0) => return Err(ConfigError::ZeroFee),
        Some(_) => {}
    }
    let fixed_supply = c.fixed_supply.unwrap_or(false);
    if fixed_supply && c.minting_account.is_some() {
        return Err(ConfigError::MintingAccountWithFixedSupply);
    }
    if c.minting_account.as_ref().is_some_and(|m| m.owner == Principal::anonymous()) {
        return Err(ConfigError::AnonymousMintingAccount);
    }
    if c.initial_balances.len() > MAX_INITIAL_BALANCES {
        return Err(ConfigError::TooManyInitialBalances { max: MAX_INITIAL_BALANCES as u32 });
    }
    let minting_account = c
        .minting_account
        .clone()
        .unwrap_or(Account { owner, subaccount: Some(DEFAULT_MINTING_SUBACCOUNT) });
    let is_minting = |a: &Account| {
        a.owner == minting_account.owner && a.effective_subaccount() == minting_account.effective_subaccount()
    };
    if c.fee_collector.as_ref().is_some_and(is_minting) {
        return Err(ConfigError::FeeCollectorIsMintingAccount);
    }
    let mut sum: u128 = 0;
    for (i, (account, amount)) in c.initial_balances.iter().enumerate() {
        let index = i as u32;
        if is_minting(account) {
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

/// The minting account of a fixed-supply token: the ledger itself, which never sends a call, so no
/// transfer from it (a mint) can ever be made. Transfers to it still burn.
pub fn fixed_supply_minting_account(ledger: Principal) -> Account {
    Account { owner: ledger, subaccount: None }
}

/// Sum of the initial balances (valid configs only).
pub fn initial_supply(c: &TokenConfig) -> Nat {
    c.initial_balances.iter().fold(Nat::from(0u8), |acc, (_, amount)| acc + amount.clone())
}
