//! Candid on the wire: decoding of untrusted arguments (the fast decoder for the hot methods, the candid
//! crate with quotas for everything else), the ingress filter of `canister_inspect_message`, and a fixed
//! encoding of the hot methods' `Ok` reply.

pub mod args;
pub mod fast_decode;
pub mod hot_args;
pub mod ingress;
pub mod reply;
