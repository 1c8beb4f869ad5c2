//! `canister_inspect_message`: refuses ingress before it is executed (and charged) when its argument is
//! larger than the method's bound or does not decode as the method's argument types within the quotas.
//! Inter-canister calls do not pass here; the endpoints' own bounded decoding covers them.
//!
//! ```ignore
//! const INGRESS: &[IngressRule] = &[IngressRule::new::<(CreateTokenArgs,)>("create_token", 256 * 1024)];
//! #[ic_cdk::inspect_message]
//! fn inspect_message() { canister_kit::inspect::accept_if_valid(INGRESS) }
//! ```

use crate::decode;
use icto_shared::kit::KitError;

#[derive(Clone, Copy)]
pub struct IngressRule {
    pub method: &'static str,
    pub max_bytes: usize,
    check: fn(&[u8]) -> Result<(), KitError>,
}

impl IngressRule {
    /// `T` is the method's argument tuple, e.g. `(Principal, u64, u64)` or `()`.
    pub const fn new<T: for<'a> candid::utils::ArgumentDecoder<'a>>(method: &'static str, max_bytes: usize) -> IngressRule {
        IngressRule { method, max_bytes, check: decode::check::<T> }
    }
}

/// Why an ingress message is refused, if it is.
pub fn check(rules: &[IngressRule], method: &str, arg: &[u8]) -> Result<(), KitError> {
    let rule = rules
        .iter()
        .find(|r| r.method == method)
        .ok_or_else(|| KitError::InvalidArgument(format!("{method:.64} is not a method that takes ingress")))?;
    if arg.len() > rule.max_bytes {
        return Err(KitError::InvalidArgument(format!(
            "the argument of {method} has {} bytes; at most {} are accepted",
            arg.len(),
            rule.max_bytes
        )));
    }
    (rule.check)(arg)
}

/// The body of a canister's `#[ic_cdk::inspect_message]`: accepts the message or traps with the reason
/// (the sender receives it as the reject message).
pub fn accept_if_valid(rules: &[IngressRule]) {
    match check(rules, &ic_cdk::api::msg_method_name(), &ic_cdk::api::msg_arg_data()) {
        Ok(()) => ic_cdk::api::accept_message(),
        Err(refusal) => crate::system::trap(&refusal.to_string()),
    }
}

/// The methods of a `.did` service without a rule (tests call this to keep the table complete).
#[cfg(feature = "did-check")]
pub fn methods_without_rule(rules: &[IngressRule], did: &str) -> Vec<String> {
    crate::did_check::method_names(did).into_iter().filter(|m| !rules.iter().any(|r| r.method == m)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::{Encode, Principal};

    const RULES: &[IngressRule] = &[
        IngressRule::new::<(Principal, u64)>("take", 64),
        IngressRule::new::<()>("ping", 16),
    ];

    #[test]
    fn refuses_unknown_methods_oversized_and_undecodable_arguments() {
        let good = Encode!(&Principal::anonymous(), &5u64).unwrap();
        assert_eq!(check(RULES, "take", &good), Ok(()));
        assert_eq!(check(RULES, "ping", &[]), Ok(()));
        assert!(matches!(check(RULES, "drop_all", &good), Err(KitError::InvalidArgument(_))));
        let oversized = Encode!(&Principal::anonymous(), &5u64, &vec![0u8; 100]).unwrap();
        assert!(matches!(check(RULES, "take", &oversized), Err(KitError::InvalidArgument(m)) if m.contains("at most 64")));
        let wrong = Encode!(&"text", &5u64).unwrap();
        assert!(matches!(check(RULES, "take", &wrong), Err(KitError::InvalidArgument(m)) if m.contains("decode")));
        // Within the size bound but over the decoding quota.
        let hostile = Encode!(&vec![(); 1_000_000]).unwrap();
        assert!(check(&[IngressRule::new::<(Vec<()>,)>("nulls", 64)], "nulls", &hostile).is_err());
    }
}
