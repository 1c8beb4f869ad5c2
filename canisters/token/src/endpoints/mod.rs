//! Canister methods: thin wrappers that read the caller and time, call a service, encode the answer.

pub mod hot_path;
pub mod icrc1;
pub mod icrc2;
pub mod icrc21;
pub mod icrc3;
pub mod inspect;
pub mod lifecycle;

use crate::services::context::CallContext;

pub fn context() -> CallContext {
    CallContext { caller: ic_cdk::api::msg_caller(), now: ic_cdk::api::time() }
}
