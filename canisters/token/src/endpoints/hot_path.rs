//! Decoding for the hand-exported methods (transfer, approve, transfer_from, balance_of): the fast
//! decoder first, the `candid` crate when it declines (same result, higher cost), a trap like the CDK's
//! on undecodable input.

use candid::CandidType;
use serde::de::DeserializeOwned;

pub fn decode<T: CandidType + DeserializeOwned>(bytes: &[u8], fast: impl Fn(&[u8]) -> Option<T>) -> T {
    if let Some(arg) = fast(bytes) {
        return arg;
    }
    let mut config = candid::DecoderConfig::new();
    config.set_skipping_quota(10_000);
    let bytes: &[u8] = if bytes.is_empty() { b"DIDL\x00\x00" } else { bytes };
    let (arg,): (T,) = candid::utils::decode_args_with_config(bytes, &config)
        .unwrap_or_else(|e| ic_cdk::trap(format!("failed to decode the call argument: {e}")));
    arg
}


/// Serves a hand-exported transaction method: the fast-decoded argument in, the block index or the
/// error out in the fixed reply encoding.
#[cfg(target_family = "wasm")]
pub fn serve_transaction<T: CandidType + DeserializeOwned, E: CandidType>(
    fast: impl Fn(&[u8]) -> Option<T>,
    run: impl FnOnce(T) -> Result<u64, E>,
) {
    let arg = decode(&ic_cdk::api::msg_arg_data(), fast);
    ic_cdk::api::msg_reply(crate::wire::reply::encode_result(run(arg)));
}
