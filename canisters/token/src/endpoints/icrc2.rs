use super::context;
use crate::services::{approve, transfer_from};
use candid::Nat;
use icto_shared::token::{
    Allowance, AllowanceArgs, ApproveArgs, ApproveError, TransferFromArgs, TransferFromError,
};

#[ic_cdk::update]
fn icrc2_approve(arg: ApproveArgs) -> Result<Nat, ApproveError> {
    approve::approve(&context(), arg).map(Nat::from).map_err(Into::into)
}

#[ic_cdk::update]
fn icrc2_transfer_from(arg: TransferFromArgs) -> Result<Nat, TransferFromError> {
    transfer_from::transfer_from(&context(), arg).map(Nat::from).map_err(Into::into)
}

#[ic_cdk::query]
fn icrc2_allowance(arg: AllowanceArgs) -> Allowance {
    let (allowance, expires_at) = approve::allowance(&arg.account, &arg.spender, ic_cdk::api::time());
    Allowance { allowance: Nat::from(allowance), expires_at }
}
