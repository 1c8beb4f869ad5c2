// The hand-exported methods exist only in the wasm build.
#![cfg_attr(not(target_family = "wasm"), allow(unused_imports))]

use super::context;
use super::hot_path;
use crate::services::{approve, transfer_from};
use candid::Nat;
use icto_shared::token::{
    Allowance, AllowanceArgs, ApproveArgs, ApproveError, TransferFromArgs, TransferFromError,
};

/// The Candid signature (for the interface export); `icrc2_approve_export` serves the method.
#[candid::candid_method(update, rename = "icrc2_approve")]
#[allow(dead_code, unused_variables)]
fn icrc2_approve(arg: ApproveArgs) -> Result<Nat, ApproveError> {
    unreachable!("served by icrc2_approve_export")
}

#[cfg(target_family = "wasm")]
#[unsafe(export_name = "canister_update icrc2_approve")]
fn icrc2_approve_export() {
    hot_path::serve_transaction("icrc2_approve", |arg: ApproveArgs| {
        approve::approve(&context(), arg).map_err(ApproveError::from)
    });
}

/// The Candid signature (for the interface export); `icrc2_transfer_from_export` serves the method.
#[candid::candid_method(update, rename = "icrc2_transfer_from")]
#[allow(dead_code, unused_variables)]
fn icrc2_transfer_from(arg: TransferFromArgs) -> Result<Nat, TransferFromError> {
    unreachable!("served by icrc2_transfer_from_export")
}

#[cfg(target_family = "wasm")]
#[unsafe(export_name = "canister_update icrc2_transfer_from")]
fn icrc2_transfer_from_export() {
    hot_path::serve_transaction("icrc2_transfer_from", |arg: TransferFromArgs| {
        transfer_from::transfer_from(&context(), arg).map_err(TransferFromError::from)
    });
}

/// The Candid signature (for the interface export: `decode_with` would show the argument as `blob`).
#[candid::candid_method(query, rename = "icrc2_allowance")]
#[allow(dead_code, unused_variables)]
fn icrc2_allowance_signature(arg: AllowanceArgs) -> Allowance {
    unreachable!("served by icrc2_allowance")
}

/// Decoded with quotas (`wire::args`).
#[ic_cdk::query(decode_with = "crate::wire::args::allowance_arg", hidden = true)]
fn icrc2_allowance(arg: AllowanceArgs) -> Allowance {
    let (allowance, expires_at) = approve::allowance(&arg.account, &arg.spender, ic_cdk::api::time());
    Allowance { allowance: Nat::from(allowance), expires_at }
}
