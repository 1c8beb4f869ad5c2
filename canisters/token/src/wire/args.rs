//! Candid decoding of untrusted arguments with the `candid` crate under quotas, so a crafted message
//! costs its sender, not the ledger: the decoding quota bounds the work of decoding (the header counts
//! 4 units per byte), the skipping quota the work spent on values the method does not use (extra
//! arguments and fields). Every endpoint that takes an argument decodes it through here, the hot
//! methods after the fast decoder declines.

use candid::utils::ArgumentDecoder;
use candid::{CandidType, DecoderConfig};
use serde::de::DeserializeOwned;

/// Work units for one argument: well above the largest valid argument of any method (an ICRC-21
/// request with its 2 KiB inner argument costs about 3,000).
pub const DECODING_QUOTA: usize = 50_000;
/// Work units for values the method ignores.
pub const SKIPPING_QUOTA: usize = 10_000;
/// Type-table entries: every argument here needs under 10. Work on the table can grow faster than its
/// length (2,000 nested `opt` entries cost 63M instructions), so its length is bounded too.
pub const MAX_TYPE_TABLE_LEN: usize = 64;
/// Bytes of the header (type table and argument types), parsed before any quota applies: every
/// argument here has a header under 300 bytes, and parsing 64 KiB (the crate's default) costs 20M
/// instructions.
pub const MAX_HEADER_BYTES: usize = 4 * 1024;

pub fn config() -> DecoderConfig {
    let mut config = DecoderConfig::new();
    config
        .set_decoding_quota(DECODING_QUOTA)
        .set_skipping_quota(SKIPPING_QUOTA)
        .set_max_type_len(MAX_TYPE_TABLE_LEN)
        .set_max_header_len(MAX_HEADER_BYTES)
        .set_full_error_message(false);
    config
}

/// Decodes the arguments of a method; an empty message is `()`, as the CDK reads it.
pub fn decode_args<T: for<'a> ArgumentDecoder<'a>>(bytes: &[u8]) -> Result<T, String> {
    let bytes: &[u8] = if bytes.is_empty() { b"DIDL\x00\x00" } else { bytes };
    candid::utils::decode_args_with_config(bytes, &config()).map_err(|e| format!("invalid argument: {e:#}"))
}

pub fn decode_one<T: CandidType + DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    decode_args::<(T,)>(bytes).map(|(arg,)| arg)
}

/// The argument of `method` within its size limit (`ingress::check_size`), or a trap with the reason
/// (no state is touched before decoding, so the caller gets a clear reject and nothing changes). The
/// method is named by the caller: `ic0.msg_method_name` exists only in `canister_inspect_message`.
fn decode_one_or_trap<T: CandidType + DeserializeOwned>(method: &str, bytes: Vec<u8>) -> T {
    super::ingress::check_size(method, bytes.len()).and_then(|()| decode_one(&bytes)).unwrap_or_else(|e| ic_cdk::trap(e))
}

// `decode_with` of the CDK's method macros, one per method that takes an argument this way.

pub fn consent_message_arg<T: CandidType + DeserializeOwned>(bytes: Vec<u8>) -> T {
    decode_one_or_trap("icrc21_canister_call_consent_message", bytes)
}

pub fn allowance_arg<T: CandidType + DeserializeOwned>(bytes: Vec<u8>) -> T {
    decode_one_or_trap("icrc2_allowance", bytes)
}

pub fn get_blocks_arg<T: CandidType + DeserializeOwned>(bytes: Vec<u8>) -> T {
    decode_one_or_trap("icrc3_get_blocks", bytes)
}

pub fn get_archives_arg<T: CandidType + DeserializeOwned>(bytes: Vec<u8>) -> T {
    decode_one_or_trap("icrc3_get_archives", bytes)
}
