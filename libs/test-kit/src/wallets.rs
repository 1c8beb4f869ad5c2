//! Multisig wallet configs for tests that create wallets.

use candid::{Nat, Principal};
use icto_shared::multisig::limits::*;
use icto_shared::multisig::{MemberInit, SpendingLimit, WalletConfig};

fn member(principal: Principal, name: &str) -> MemberInit {
    MemberInit { principal, name: name.into() }
}

/// A valid wallet: `signers` named signer 1, 2, ..., `observers` likewise, `threshold` of them, showing
/// `tokens`, no spending limit.
pub fn config(name: &str, signers: &[Principal], observers: &[Principal], threshold: u32, tokens: &[Principal]) -> WalletConfig {
    WalletConfig {
        name: name.into(),
        description: None,
        signers: signers.iter().enumerate().map(|(i, p)| member(*p, &format!("signer {}", i + 1))).collect(),
        observers: observers.iter().enumerate().map(|(i, p)| member(*p, &format!("observer {}", i + 1))).collect(),
        threshold,
        tokens: tokens.to_vec(),
        spending_limits: vec![],
    }
}

/// The largest valid wallet request: 50 signers and 100 observers of 29-byte principals with 40-character
/// names of 4-byte characters, a 60-character name and a 2,000-character description of them, 20 tokens
/// with a daily limit near u128::MAX each.
pub fn largest_config() -> WalletConfig {
    let principal = |tag: u8, i: usize| {
        let mut bytes = [tag; 29];
        bytes[..8].copy_from_slice(&(i as u64).to_be_bytes());
        Principal::from_slice(&bytes)
    };
    let wide = |n: usize| "𝕏".repeat(n);
    let members = |tag: u8, n: usize| (0..n).map(|i| member(principal(tag, i), &wide(MEMBER_NAME_MAX_CHARS))).collect();
    let tokens: Vec<Principal> = (0..MAX_TOKENS).map(|i| principal(3, i)).collect();
    let config = WalletConfig {
        name: wide(NAME_MAX_CHARS),
        description: Some(wide(DESCRIPTION_MAX_CHARS)),
        signers: members(1, MAX_SIGNERS),
        observers: members(2, MAX_OBSERVERS),
        threshold: MAX_SIGNERS as u32,
        spending_limits: tokens.iter().map(|t| SpendingLimit { ledger: *t, daily_max: Nat::from(u128::MAX) }).collect(),
        tokens,
    };
    assert_eq!(config.validate(), Ok(()), "the largest config is valid");
    config
}
