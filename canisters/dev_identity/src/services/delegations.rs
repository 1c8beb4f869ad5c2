//! Delegations to an app's session key, signed with the user's canister signature as Internet Identity
//! signs them: an update call (`prepare`) puts the signature in the signature map and the map's root into
//! the certified data; a query (`get`) reads it back with the data certificate that vouches for it.
use candid::Principal;
use ic_canister_sig_creation::signature_map::CanisterSigInputs;
use ic_canister_sig_creation::{delegation_signature_msg, DELEGATION_SIG_DOMAIN};

use icto_shared::dev_identity::{
    Delegation, DevIdentityError, GetDelegationArgs, PrepareDelegationArgs, PreparedDelegation, SignedDelegation,
};
use crate::repositories::signatures;
use crate::services::{certification, user_keys, users};

pub const DEFAULT_TTL_NANOS: u64 = 8 * 3600 * 1_000_000_000;
pub const MAX_TTL_NANOS: u64 = 30 * 24 * 3600 * 1_000_000_000;
/// Public keys the IC accepts are DER SubjectPublicKeyInfo; anything longer than this is not one.
const MAX_SESSION_KEY: usize = 300;

fn validate_session_key(key: &[u8]) -> Result<(), DevIdentityError> {
    if key.is_empty() || key.len() > MAX_SESSION_KEY || key[0] != 0x30 {
        return Err(DevIdentityError::InvalidSessionKey("a DER-encoded public key".into()));
    }
    Ok(())
}

pub fn expiration(now: u64, max_time_to_live: Option<u64>) -> u64 {
    now.saturating_add(max_time_to_live.unwrap_or(DEFAULT_TTL_NANOS).clamp(1, MAX_TTL_NANOS))
}

/// The bytes the user's key signs: the IC's delegation signable without its domain prefix.
fn message(session_public_key: &[u8], expiration: u64) -> Vec<u8> {
    delegation_signature_msg(session_public_key, expiration, None)
}

/// Checks the request and registers the user; the signature is added by `prepare`.
pub fn check_prepare(args: &PrepareDelegationArgs) -> Result<(), DevIdentityError> {
    users::validate_user(&args.user)?;
    users::validate_origin(&args.origin)?;
    validate_session_key(&args.session_public_key)
}

/// Signs a delegation for `args` (checked by `check_prepare`) and returns it with the new certified data.
pub fn prepare(
    canister: Principal,
    salt: &[u8; 32],
    args: &PrepareDelegationArgs,
    now: u64,
) -> Result<(PreparedDelegation, [u8; 32]), DevIdentityError> {
    check_prepare(args)?;
    users::register(&args.user, now)?;
    let seed = user_keys::seed(salt, &args.user, &args.origin);
    let expiration = expiration(now, args.max_time_to_live);
    let message = message(&args.session_public_key, expiration);
    let signatures_root = signatures::add(&CanisterSigInputs { domain: DELEGATION_SIG_DOMAIN, seed: &seed, message: &message });
    let prepared = PreparedDelegation {
        user_public_key: user_keys::public_key_der(canister, &seed),
        principal: user_keys::principal(canister, &seed),
        expiration,
    };
    Ok((prepared, certification::certified_data(signatures_root)))
}

/// The signed delegation prepared in the last minute (queries only: it needs the data certificate).
pub fn get(salt: &[u8; 32], args: &GetDelegationArgs) -> Result<SignedDelegation, DevIdentityError> {
    users::validate_user(&args.user)?;
    users::validate_origin(&args.origin)?;
    validate_session_key(&args.session_public_key)?;
    let seed = user_keys::seed(salt, &args.user, &args.origin);
    let message = message(&args.session_public_key, args.expiration);
    let inputs = CanisterSigInputs { domain: DELEGATION_SIG_DOMAIN, seed: &seed, message: &message };
    let signature = signatures::signature_cbor(&inputs, certification::http_root())
        .map_err(|e| DevIdentityError::NoSuchDelegation(format!("{e} Prepare it first (it is kept for a minute).")))?;
    Ok(SignedDelegation {
        delegation: Delegation { pubkey: args.session_public_key.clone(), expiration: args.expiration, targets: None },
        signature,
    })
}
