//! What the ledger admits: a method it has, with an argument of a plausible size that decodes as that
//! method's argument. `canister_inspect_message` applies all of it to ingress (refusing there costs
//! the ledger nothing, and a refused message never runs). Calls from other canisters skip inspection,
//! so every method applies the same size limit itself and then decodes under quotas.

use super::{args, hot_args};
use icto_shared::token::{
    Account, AllowanceArgs, ApproveArgs, ConsentMessageRequest, GetArchivesArgs, GetBlocksArgs, TransferArg,
    TransferFromArgs,
};

/// The largest valid transaction argument is under 700 bytes (two accounts with subaccounts and a
/// 256-byte memo); the rest leaves room for other encoders' type tables.
pub const MAX_TRANSACTION_ARG_BYTES: usize = 2 * 1024;
pub const MAX_QUERY_ARG_BYTES: usize = 2 * 1024;
/// The limit of all four hot methods (three transactions and `icrc1_balance_of`).
pub const MAX_HOT_ARG_BYTES: usize = MAX_TRANSACTION_ARG_BYTES;
/// `icrc3_get_blocks` reads at most 100 ranges of two nats each.
pub const MAX_GET_BLOCKS_ARG_BYTES: usize = 8 * 1024;
/// The ICRC-21 request: its inner argument (a transaction's) plus the method name and preferences.
pub const MAX_CONSENT_ARG_BYTES: usize = MAX_TRANSACTION_ARG_BYTES + 1024;
/// A method without arguments: `DIDL\0\0` is 6 bytes.
pub const MAX_EMPTY_ARG_BYTES: usize = 64;

const NO_ARGUMENT_METHODS: [&str; 11] = [
    "icrc1_name",
    "icrc1_symbol",
    "icrc1_decimals",
    "icrc1_fee",
    "icrc1_metadata",
    "icrc1_total_supply",
    "icrc1_minting_account",
    "icrc1_supported_standards",
    "icrc10_supported_standards",
    "icrc3_supported_block_types",
    "icrc3_get_tip_certificate",
];

type Decodes = fn(&[u8]) -> Result<(), String>;

/// `Ok` to accept an ingress message for `method` with argument `arg`; `Err` says why it is refused.
pub fn check(method: &str, arg: &[u8]) -> Result<(), String> {
    check_size(method, arg.len())?;
    rule(method)?.1(arg)
}

/// The size check alone, so an oversized argument is refused before it is copied into the heap.
pub fn check_size(method: &str, len: usize) -> Result<(), String> {
    let (limit, _) = rule(method)?;
    if len > limit {
        return Err(too_large(method, len, limit));
    }
    Ok(())
}

pub fn too_large(method: &str, len: usize, limit: usize) -> String {
    format!("the argument of {method} is {len} bytes; at most {limit} are accepted")
}

/// The method's argument size limit and decoding check.
fn rule(method: &str) -> Result<(usize, Decodes), String> {
    Ok(match method {
        "icrc1_transfer" => (MAX_HOT_ARG_BYTES, |a| hot_args::decode::<TransferArg>(a).map(drop)),
        "icrc2_approve" => (MAX_HOT_ARG_BYTES, |a| hot_args::decode::<ApproveArgs>(a).map(drop)),
        "icrc2_transfer_from" => (MAX_HOT_ARG_BYTES, |a| hot_args::decode::<TransferFromArgs>(a).map(drop)),
        "icrc1_balance_of" => (MAX_HOT_ARG_BYTES, |a| hot_args::decode::<Account>(a).map(drop)),
        "icrc2_allowance" => (MAX_QUERY_ARG_BYTES, |a| args::decode_one::<AllowanceArgs>(a).map(drop)),
        "icrc3_get_archives" => (MAX_QUERY_ARG_BYTES, |a| args::decode_one::<GetArchivesArgs>(a).map(drop)),
        "icrc3_get_blocks" => (MAX_GET_BLOCKS_ARG_BYTES, |a| args::decode_one::<Vec<GetBlocksArgs>>(a).map(drop)),
        "icrc21_canister_call_consent_message" => {
            (MAX_CONSENT_ARG_BYTES, |a| args::decode_one::<ConsentMessageRequest>(a).map(drop))
        }
        m if NO_ARGUMENT_METHODS.contains(&m) => (MAX_EMPTY_ARG_BYTES, |a| args::decode_args::<()>(a)),
        _ => return Err(format!("this ledger has no method `{}`", printable_prefix(method))),
    })
}

/// The method name as the sender gave it, cut short and with non-printable characters escaped.
fn printable_prefix(name: &str) -> String {
    name.chars().take(64).flat_map(char::escape_debug).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::{Encode, Nat, Principal};

    fn transfer() -> TransferArg {
        TransferArg {
            from_subaccount: Some([1; 32]),
            to: Account { owner: Principal::from_slice(&[2; 29]), subaccount: Some([3; 32]) },
            amount: Nat::from(u128::MAX),
            fee: Some(Nat::from(u128::MAX)),
            memo: Some(serde_bytes::ByteBuf::from(vec![4; 256])),
            created_at_time: Some(u64::MAX),
        }
    }

    #[test]
    fn accepts_valid_arguments_of_every_method() {
        let largest = Encode!(&transfer()).unwrap();
        assert!(largest.len() < MAX_TRANSACTION_ARG_BYTES / 2, "{} bytes", largest.len());
        assert_eq!(check("icrc1_transfer", &largest), Ok(()));
        assert_eq!(check("icrc1_balance_of", &Encode!(&transfer().to).unwrap()), Ok(()));
        assert_eq!(check("icrc1_name", &Encode!().unwrap()), Ok(()));
        assert_eq!(check("icrc1_name", &[]), Ok(()));
        let ranges: Vec<GetBlocksArgs> =
            (0..100).map(|_| GetBlocksArgs { start: Nat::from(u64::MAX), length: Nat::from(u64::MAX) }).collect();
        assert_eq!(check("icrc3_get_blocks", &Encode!(&ranges).unwrap()), Ok(()));
    }

    #[test]
    fn refuses_unknown_methods_oversized_and_undecodable_arguments() {
        assert!(check("icrc1_transfer_all", &[]).unwrap_err().contains("no method"));
        let mut big = transfer();
        big.memo = Some(serde_bytes::ByteBuf::from(vec![0; MAX_TRANSACTION_ARG_BYTES]));
        assert!(check("icrc1_transfer", &Encode!(&big).unwrap()).unwrap_err().contains("at most 2048"));
        assert!(check("icrc1_transfer", b"DIDL\x00\x01\x7d\x05").unwrap_err().starts_with("invalid argument"));
        assert!(check("icrc2_approve", &Encode!(&transfer()).unwrap()).is_err(), "a transfer is not an approve");
        assert!(check("icrc1_name", &[0; 100]).is_err());
    }
}
