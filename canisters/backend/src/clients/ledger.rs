//! The payment ledger (ICRC-1/2).

use super::describe_call_failure;
use candid::Principal;
use ic_cdk::call::Call;
use icto_shared::token::{TransferArg, TransferError, TransferFromArgs, TransferFromError};

pub async fn transfer_from(ledger: Principal, args: TransferFromArgs) -> Result<Result<candid::Nat, TransferFromError>, String> {
    let reply = Call::unbounded_wait(ledger, "icrc2_transfer_from").with_arg(args).await.map_err(describe_call_failure)?;
    reply.candid().map_err(describe_call_failure)
}

pub async fn transfer(ledger: Principal, args: TransferArg) -> Result<Result<candid::Nat, TransferError>, String> {
    let reply = Call::unbounded_wait(ledger, "icrc1_transfer").with_arg(args).await.map_err(describe_call_failure)?;
    reply.candid().map_err(describe_call_failure)
}
