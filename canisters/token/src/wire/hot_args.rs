//! The arguments of the hot methods, decoded by the fast decoder when it can and by the candid crate
//! with quotas when it declines. Both refuse the same messages (checked by the differential test).

use super::args;
use super::fast_decode::{self, Fast};
use candid::CandidType;
use icto_shared::token::{Account, ApproveArgs, TransferArg, TransferFromArgs};
use serde::de::DeserializeOwned;

pub trait HotArg: CandidType + DeserializeOwned {
    fn fast(bytes: &[u8]) -> Result<Self, Fast>;
}

impl HotArg for TransferArg {
    fn fast(bytes: &[u8]) -> Result<Self, Fast> {
        fast_decode::transfer_arg(bytes)
    }
}
impl HotArg for ApproveArgs {
    fn fast(bytes: &[u8]) -> Result<Self, Fast> {
        fast_decode::approve_args(bytes)
    }
}
impl HotArg for TransferFromArgs {
    fn fast(bytes: &[u8]) -> Result<Self, Fast> {
        fast_decode::transfer_from_args(bytes)
    }
}
impl HotArg for Account {
    fn fast(bytes: &[u8]) -> Result<Self, Fast> {
        fast_decode::account_arg(bytes)
    }
}

pub fn decode<T: HotArg>(bytes: &[u8]) -> Result<T, String> {
    match T::fast(bytes) {
        Ok(arg) => Ok(arg),
        Err(Fast::Invalid(reason)) => Err(format!("invalid argument: {reason}")),
        Err(Fast::Declined) => args::decode_one(bytes),
    }
}
