// The hand-exported methods exist only in the wasm build.
#![cfg_attr(not(target_family = "wasm"), allow(unused_imports))]

use super::context;
use super::hot_path;
use crate::wire::reply;
use crate::repositories::settings;
use crate::services::{queries, transfer};
use candid::Nat;
use icto_shared::token::{Account, MetadataValue, StandardRecord, TransferArg, TransferError};

#[ic_cdk::query]
fn icrc1_name() -> String {
    settings::with(|s| s.token_name.clone())
}

#[ic_cdk::query]
fn icrc1_symbol() -> String {
    settings::with(|s| s.token_symbol.clone())
}

#[ic_cdk::query]
fn icrc1_decimals() -> u8 {
    settings::with(|s| s.decimals)
}

#[ic_cdk::query]
fn icrc1_fee() -> Nat {
    settings::with(|s| Nat::from(s.transfer_fee))
}

#[ic_cdk::query]
fn icrc1_metadata() -> Vec<(String, MetadataValue)> {
    queries::metadata()
}

#[ic_cdk::query]
fn icrc1_total_supply() -> Nat {
    Nat::from(queries::total_supply())
}

#[ic_cdk::query]
fn icrc1_minting_account() -> Option<Account> {
    Some(settings::with(|s| s.minting_account.clone()))
}

/// The Candid signature (for the interface export); `icrc1_balance_of_export` serves the method.
#[candid::candid_method(query, rename = "icrc1_balance_of")]
#[allow(dead_code, unused_variables)]
fn icrc1_balance_of(account: Account) -> Nat {
    unreachable!("served by icrc1_balance_of_export")
}

/// Hand-exported: the generic Candid decoder and encoder cost more than the lookup itself.
#[cfg(target_family = "wasm")]
#[unsafe(export_name = "canister_query icrc1_balance_of")]
fn icrc1_balance_of_export() {
    let account: Account = hot_path::argument("icrc1_balance_of");
    ic_cdk::api::msg_reply(reply::nat(queries::balance_of(&account)));
}

#[ic_cdk::query]
fn icrc1_supported_standards() -> Vec<StandardRecord> {
    queries::supported_standards()
}

/// The Candid signature (for the interface export); `icrc1_transfer_export` serves the method.
#[candid::candid_method(update, rename = "icrc1_transfer")]
#[allow(dead_code, unused_variables)]
fn icrc1_transfer(arg: TransferArg) -> Result<Nat, TransferError> {
    unreachable!("served by icrc1_transfer_export")
}

/// Hand-exported so the argument goes through the fast decoder and the Ok reply is a fixed encoding.
#[cfg(target_family = "wasm")]
#[unsafe(export_name = "canister_update icrc1_transfer")]
fn icrc1_transfer_export() {
    hot_path::serve_transaction("icrc1_transfer", |arg: TransferArg| {
        transfer::transfer(&context(), arg).map_err(TransferError::from)
    });
}
