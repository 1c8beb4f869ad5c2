//! Read-only ledger views: balances, supply, metadata, supported standards.

use crate::models::account_key::AccountKey;
use crate::repositories::{balances, settings, tip};
use candid::Nat;
use icto_shared::token::{Account, MetadataValue, StandardRecord};

pub fn balance_of(account: &Account) -> u128 {
    balances::get(&AccountKey::new(account))
}

pub fn total_supply() -> u128 {
    tip::get().total_supply
}

/// Standard keys computed from settings first, then the stored extra entries that do not repeat them.
pub fn metadata() -> Vec<(String, MetadataValue)> {
    settings::with(|s| {
        let mut m = vec![
            ("icrc1:decimals".to_string(), MetadataValue::Nat(Nat::from(s.decimals))),
            ("icrc1:name".to_string(), MetadataValue::Text(s.token_name.clone())),
            ("icrc1:symbol".to_string(), MetadataValue::Text(s.token_symbol.clone())),
            ("icrc1:fee".to_string(), MetadataValue::Nat(Nat::from(s.transfer_fee))),
            ("icrc1:max_memo_length".to_string(), MetadataValue::Nat(Nat::from(s.max_memo_length))),
        ];
        for (k, v) in &s.metadata {
            if !m.iter().any(|(key, _)| key == k) {
                m.push((k.clone(), v.clone()));
            }
        }
        m
    })
}

fn standard(name: &str, url: &str) -> StandardRecord {
    StandardRecord { name: name.into(), url: url.into() }
}

pub fn supported_standards() -> Vec<StandardRecord> {
    let mut v = vec![standard("ICRC-1", "https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-1")];
    if settings::with(|s| s.icrc2_enabled) {
        v.push(standard("ICRC-2", "https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-2"));
    }
    v.push(standard("ICRC-3", "https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-3"));
    v.push(standard("ICRC-10", "https://github.com/dfinity/ICRC/tree/main/ICRCs/ICRC-10"));
    v.push(standard("ICRC-21", "https://github.com/dfinity/wg-identity-authentication/blob/main/topics/ICRC-21/icrc_21_consent_msg.md"));
    v
}
