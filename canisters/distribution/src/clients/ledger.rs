//! The campaign's token ledger (ICRC-1).

use candid::{Nat, Principal};
use ic_cdk::call::Call;
use icto_shared::distribution::DistributionError;
use icto_shared::token::{Account, TransferArg};

fn failed(e: impl std::fmt::Display) -> DistributionError {
    DistributionError::Ledger(e.to_string())
}

pub async fn fee(ledger: Principal) -> Result<Nat, DistributionError> {
    let reply = Call::unbounded_wait(ledger, "icrc1_fee").await.map_err(failed)?;
    reply.candid().map_err(failed)
}

pub async fn balance_of(ledger: Principal, account: Account) -> Result<Nat, DistributionError> {
    let reply = Call::unbounded_wait(ledger, "icrc1_balance_of").with_arg(account).await.map_err(failed)?;
    reply.candid().map_err(failed)
}

/// The block index, `Transfer(..)` when the ledger refused, `Ledger(..)` when it could not be called.
pub async fn transfer(ledger: Principal, arg: TransferArg) -> Result<Nat, DistributionError> {
    let reply = Call::unbounded_wait(ledger, "icrc1_transfer").with_arg(arg).await.map_err(failed)?;
    let result: Result<Nat, icto_shared::token::TransferError> = reply.candid().map_err(failed)?;
    result.map_err(DistributionError::Transfer)
}
