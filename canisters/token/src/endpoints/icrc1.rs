use super::context;
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

#[ic_cdk::query]
fn icrc1_balance_of(account: Account) -> Nat {
    Nat::from(queries::balance_of(&account))
}

#[ic_cdk::query]
fn icrc1_supported_standards() -> Vec<StandardRecord> {
    queries::supported_standards()
}

#[ic_cdk::update]
fn icrc1_transfer(arg: TransferArg) -> Result<Nat, TransferError> {
    let c0 = ic_cdk::api::performance_counter(0);
    let r = transfer::transfer(&context(), arg).map(Nat::from).map_err(Into::into);
    let c1 = ic_cdk::api::performance_counter(0);
    ic_cdk::println!("PERF entry={c0} logic={}", c1 - c0);
    r
}
