//! Decoding for the hand-exported methods (transfer, approve, transfer_from, balance_of): the fast
//! decoder first, the `candid` crate with quotas when it declines (same result, higher cost), a trap
//! with the reason on an invalid argument, before anything is read or written.
// The hand-exported methods exist only in the wasm build.
#![cfg_attr(not(target_family = "wasm"), allow(unused_imports))]

use crate::wire::hot_args::{self, HotArg};
use crate::wire::ingress;

/// The argument of `method`: refused above the hot methods' size limit (the one `ingress` gives them)
/// before it is even copied, then decoded.
#[cfg(target_family = "wasm")]
pub fn argument<T: HotArg>(method: &str) -> T {
    let len = ic0::msg_arg_data_size();
    if len > ingress::MAX_HOT_ARG_BYTES {
        ic_cdk::trap(ingress::too_large(method, len, ingress::MAX_HOT_ARG_BYTES));
    }
    hot_args::decode(&ic_cdk::api::msg_arg_data()).unwrap_or_else(|e| ic_cdk::trap(e))
}

/// Serves a hand-exported transaction method: the decoded argument in, the block index or the error
/// out in the fixed reply encoding.
#[cfg(target_family = "wasm")]
pub fn serve_transaction<T: HotArg, E: candid::CandidType>(method: &str, run: impl FnOnce(T) -> Result<u64, E>) {
    let arg = argument::<T>(method);
    ic_cdk::api::msg_reply(crate::wire::reply::encode_result(run(arg)));
}
