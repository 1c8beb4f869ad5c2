//! A token ledger (ICRC-1 transfers, ICRC-2 approvals) from the wallet's default account.

use candid::{Nat, Principal};
use ic_cdk::call::Call;
use icto_shared::multisig::MultisigError;
use icto_shared::token::{ApproveArgs, ApproveError, TransferArg, TransferError};

fn failed(e: impl std::fmt::Display) -> MultisigError {
    MultisigError::CallFailed(e.to_string())
}

/// The block index, `Transfer(..)` when the ledger refused, `CallFailed(..)` when it could not be called.
pub async fn transfer(ledger: Principal, arg: TransferArg) -> Result<Nat, MultisigError> {
    let reply = Call::unbounded_wait(ledger, "icrc1_transfer").with_arg(arg).await.map_err(failed)?;
    let result: Result<Nat, TransferError> = reply.candid().map_err(failed)?;
    result.map_err(MultisigError::Transfer)
}

/// The block index, `Approve(..)` when the ledger refused, `CallFailed(..)` when it could not be called.
pub async fn approve(ledger: Principal, arg: ApproveArgs) -> Result<Nat, MultisigError> {
    let reply = Call::unbounded_wait(ledger, "icrc2_approve").with_arg(arg).await.map_err(failed)?;
    let result: Result<Nat, ApproveError> = reply.candid().map_err(failed)?;
    result.map_err(MultisigError::Approve)
}
