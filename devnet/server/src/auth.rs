//! Request authentication (IC interface spec, "Authentication"): the sender principal must derive
//! from the signing key, the signature must cover the request id, delegations must chain from the
//! sender's key to the signing key, be unexpired and allow the target; and the ingress expiry must
//! lie in the accepted window. Canister signatures (keys of the signing canister and a seed, as Internet
//! Identity issues them) are checked against the root key.

use crate::envelope::SignedRequest;
use crate::error::ApiError;
use crate::keys::{PublicKey, TrustAnchor};
use candid::Principal;
use ic_transport_types::{DelegationPermissions, EnvelopeContent};

const REQUEST_DOMAIN: &[u8] = b"\x0Aic-request";
const DELEGATION_DOMAIN: &[u8] = b"\x1Aic-request-auth-delegation";

/// How far in the future an `ingress_expiry` may lie: the IC's 5 minutes plus clock drift.
pub const MAX_INGRESS_EXPIRY_NANOS: u64 = (5 * 60 + 60) * 1_000_000_000;

/// Checks a request. `now_nanos` is the IC's time (the replica's clock, which the IC checks expiries
/// against: not the server's wall clock); `target` the canister the request addresses (None for requests
/// that address no canister, e.g. a subnet read_state); `root_key_der` the network's root key, which
/// certifies canister signatures.
pub fn authenticate(
    request: &SignedRequest,
    now_nanos: u64,
    target: Option<Principal>,
    root_key_der: &[u8],
) -> Result<(), ApiError> {
    let anchor = TrustAnchor { root_key_der };
    check_expiry(request.content.ingress_expiry(), now_nanos)?;
    let sender = *request.content.sender();
    if sender == Principal::anonymous() {
        if request.sender_sig.is_some() || !request.delegations.is_empty() {
            return Err(ApiError::bad_request("an anonymous request must not carry a signature or delegations"));
        }
        return Ok(());
    }
    let (Some(pubkey), Some(sig)) = (&request.sender_pubkey, &request.sender_sig) else {
        return Err(ApiError::bad_request(format!(
            "request from {sender} has no sender_pubkey/sender_sig; only the anonymous principal may send unsigned requests"
        )));
    };
    if Principal::self_authenticating(pubkey) != sender {
        return Err(ApiError::bad_request(format!(
            "sender {sender} does not match the principal of sender_pubkey ({})",
            Principal::self_authenticating(pubkey)
        )));
    }
    let mut signing_key = PublicKey::from_der(pubkey).map_err(|e| ApiError::bad_request(format!("sender_pubkey: {e}")))?;
    let is_update = matches!(request.content, EnvelopeContent::Call { .. });
    for (index, (signed, hash)) in request.delegations.iter().zip(&request.delegation_hashes).enumerate() {
        let delegation = &signed.delegation;
        let mut message = DELEGATION_DOMAIN.to_vec();
        message.extend_from_slice(hash);
        signing_key
            .verify(&message, &signed.signature, anchor)
            .map_err(|e| ApiError::forbidden(format!("delegation {index}: {e}")))?;
        if delegation.expiration < now_nanos {
            return Err(ApiError::forbidden(format!(
                "delegation {index} expired at {} (now {now_nanos})",
                delegation.expiration
            )));
        }
        if let (Some(targets), Some(target)) = (&delegation.targets, target) {
            if !targets.contains(&target) {
                return Err(ApiError::forbidden(format!(
                    "delegation {index} does not allow canister {target} (targets: {})",
                    targets.iter().map(|t| t.to_text()).collect::<Vec<_>>().join(", ")
                )));
            }
        }
        if is_update && delegation.permissions == Some(DelegationPermissions::Queries) {
            return Err(ApiError::forbidden(format!("delegation {index} permits queries only")));
        }
        signing_key = PublicKey::from_der(&delegation.pubkey)
            .map_err(|e| ApiError::bad_request(format!("delegation {index} pubkey: {e}")))?;
    }
    let mut message = REQUEST_DOMAIN.to_vec();
    message.extend_from_slice(&request.request_id);
    signing_key
        .verify(&message, sig, anchor)
        .map_err(|e| ApiError::forbidden(format!("sender_sig: {e} over request id {}", hex::encode(request.request_id))))
}

fn check_expiry(expiry: u64, now_nanos: u64) -> Result<(), ApiError> {
    if expiry < now_nanos {
        return Err(ApiError::bad_request(format!(
            "request expired: ingress_expiry {expiry} is before the current time {now_nanos}"
        )));
    }
    if expiry > now_nanos.saturating_add(MAX_INGRESS_EXPIRY_NANOS) {
        return Err(ApiError::bad_request(format!(
            "ingress_expiry {expiry} is too far in the future (more than {} s after {now_nanos})",
            MAX_INGRESS_EXPIRY_NANOS / 1_000_000_000
        )));
    }
    Ok(())
}

pub fn wall_clock_nanos() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}
