//! Moving the fee: the charge (`icrc2_transfer_from` from the user to the backend) and the refund
//! (`icrc1_transfer` back). Both carry a memo and `created_at_time` fixed per deployment, so the ledger
//! deduplicates a retry; `Duplicate` means the transfer happened, with that block.

use crate::clients::ledger;
use candid::{Nat, Principal};
use icto_shared::backend::{PaymentError, PaymentSettings};
use icto_shared::token::{Account, TransferArg, TransferError, TransferFromArgs, TransferFromError};

pub async fn charge(
    payment: &PaymentSettings,
    user: Principal,
    backend: Principal,
    fee: u128,
    memo: [u8; 32],
    created_at_time: u64,
) -> Result<Nat, PaymentError> {
    let args = TransferFromArgs {
        spender_subaccount: None,
        from: Account::of(user),
        to: Account::of(backend),
        amount: Nat::from(fee),
        fee: Some(payment.ledger_fee.clone()),
        memo: Some(serde_bytes::ByteBuf::from(memo.to_vec())),
        created_at_time: Some(created_at_time),
    };
    match ledger::transfer_from(payment.ledger, args).await {
        Ok(Ok(block)) | Ok(Err(TransferFromError::Duplicate { duplicate_of: block })) => Ok(block),
        Ok(Err(TransferFromError::InsufficientAllowance { allowance })) => {
            Err(PaymentError::InsufficientAllowance { allowance, required: Nat::from(fee) + payment.ledger_fee.clone() })
        }
        Ok(Err(TransferFromError::InsufficientFunds { balance })) => Err(PaymentError::InsufficientFunds { balance }),
        Ok(Err(e)) => Err(PaymentError::Ledger(format!("{e:?}"))),
        Err(call) => Err(PaymentError::Ledger(call)),
    }
}

pub enum RefundFailure {
    /// The transaction window passed: no earlier attempt went through; retry with a new time.
    TooOld,
    Other(String),
}

pub async fn refund(
    payment: &PaymentSettings,
    user: Principal,
    amount: u128,
    memo: [u8; 32],
    created_at_time: u64,
) -> Result<Nat, RefundFailure> {
    let args = TransferArg {
        from_subaccount: None,
        to: Account::of(user),
        amount: Nat::from(amount),
        fee: Some(payment.ledger_fee.clone()),
        memo: Some(serde_bytes::ByteBuf::from(memo.to_vec())),
        created_at_time: Some(created_at_time),
    };
    match ledger::transfer(payment.ledger, args).await {
        Ok(Ok(block)) | Ok(Err(TransferError::Duplicate { duplicate_of: block })) => Ok(block),
        Ok(Err(TransferError::TooOld)) => Err(RefundFailure::TooOld),
        Ok(Err(e)) => Err(RefundFailure::Other(format!("{e:?}"))),
        Err(call) => Err(RefundFailure::Other(call)),
    }
}
