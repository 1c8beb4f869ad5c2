//! One internal error type for the three transaction kinds, mapped onto each standard's error variant.

use candid::Nat;
use icto_shared::token::{ApproveError, TransferError, TransferFromError};

/// `GenericError` codes this ledger returns.
pub mod codes {
    pub const MEMO_TOO_LONG: u64 = 1;
    pub const AMOUNT_TOO_LARGE: u64 = 2;
    pub const SELF_APPROVAL: u64 = 3;
    pub const MINTER_NOT_ALLOWED: u64 = 4;
    pub const ICRC2_DISABLED: u64 = 5;
    pub const STORAGE_FULL: u64 = 6;
    pub const BALANCE_OVERFLOW: u64 = 7;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxError {
    BadFee { expected_fee: u128 },
    BadBurn { min_burn_amount: u128 },
    InsufficientFunds { balance: u128 },
    InsufficientAllowance { allowance: u128 },
    AllowanceChanged { current_allowance: u128 },
    Expired { ledger_time: u64 },
    TooOld,
    CreatedInFuture { ledger_time: u64 },
    Duplicate { duplicate_of: u64 },
    TemporarilyUnavailable,
    Generic { code: u64, message: String },
}

impl TxError {
    pub fn generic(code: u64, message: impl Into<String>) -> Self {
        TxError::Generic { code, message: message.into() }
    }
    /// For variants a standard's error type lacks (not reachable from that standard's call path).
    fn unexpected(self) -> (Nat, String) {
        (Nat::from(0u8), format!("internal: {self:?}"))
    }
}

impl From<TxError> for TransferError {
    fn from(e: TxError) -> Self {
        match e {
            TxError::BadFee { expected_fee } => TransferError::BadFee { expected_fee: expected_fee.into() },
            TxError::BadBurn { min_burn_amount } => TransferError::BadBurn { min_burn_amount: min_burn_amount.into() },
            TxError::InsufficientFunds { balance } => TransferError::InsufficientFunds { balance: balance.into() },
            TxError::TooOld => TransferError::TooOld,
            TxError::CreatedInFuture { ledger_time } => TransferError::CreatedInFuture { ledger_time },
            TxError::Duplicate { duplicate_of } => TransferError::Duplicate { duplicate_of: duplicate_of.into() },
            TxError::TemporarilyUnavailable => TransferError::TemporarilyUnavailable,
            TxError::Generic { code, message } => TransferError::GenericError { error_code: code.into(), message },
            other => {
                let (error_code, message) = other.unexpected();
                TransferError::GenericError { error_code, message }
            }
        }
    }
}

impl From<TxError> for ApproveError {
    fn from(e: TxError) -> Self {
        match e {
            TxError::BadFee { expected_fee } => ApproveError::BadFee { expected_fee: expected_fee.into() },
            TxError::InsufficientFunds { balance } => ApproveError::InsufficientFunds { balance: balance.into() },
            TxError::AllowanceChanged { current_allowance } => {
                ApproveError::AllowanceChanged { current_allowance: current_allowance.into() }
            }
            TxError::Expired { ledger_time } => ApproveError::Expired { ledger_time },
            TxError::TooOld => ApproveError::TooOld,
            TxError::CreatedInFuture { ledger_time } => ApproveError::CreatedInFuture { ledger_time },
            TxError::Duplicate { duplicate_of } => ApproveError::Duplicate { duplicate_of: duplicate_of.into() },
            TxError::TemporarilyUnavailable => ApproveError::TemporarilyUnavailable,
            TxError::Generic { code, message } => ApproveError::GenericError { error_code: code.into(), message },
            other => {
                let (error_code, message) = other.unexpected();
                ApproveError::GenericError { error_code, message }
            }
        }
    }
}

impl From<TxError> for TransferFromError {
    fn from(e: TxError) -> Self {
        match e {
            TxError::BadFee { expected_fee } => TransferFromError::BadFee { expected_fee: expected_fee.into() },
            TxError::BadBurn { min_burn_amount } => {
                TransferFromError::BadBurn { min_burn_amount: min_burn_amount.into() }
            }
            TxError::InsufficientFunds { balance } => TransferFromError::InsufficientFunds { balance: balance.into() },
            TxError::InsufficientAllowance { allowance } => {
                TransferFromError::InsufficientAllowance { allowance: allowance.into() }
            }
            TxError::TooOld => TransferFromError::TooOld,
            TxError::CreatedInFuture { ledger_time } => TransferFromError::CreatedInFuture { ledger_time },
            TxError::Duplicate { duplicate_of } => TransferFromError::Duplicate { duplicate_of: duplicate_of.into() },
            TxError::TemporarilyUnavailable => TransferFromError::TemporarilyUnavailable,
            TxError::Generic { code, message } => {
                TransferFromError::GenericError { error_code: code.into(), message }
            }
            other => {
                let (error_code, message) = other.unexpected();
                TransferFromError::GenericError { error_code, message }
            }
        }
    }
}
