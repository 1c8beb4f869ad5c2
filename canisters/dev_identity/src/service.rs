//! The provider's logic: validation, user registration, delegations.
use candid::Principal;

use crate::api::{Delegation, DelegationReply, DevIdentityError};
use crate::keys;
use crate::repository;

pub const MAX_USERS: u32 = 1_000;
pub const MAX_USER_NAME: usize = 32;
pub const MAX_ORIGIN: usize = 256;
pub const DEFAULT_TTL_NANOS: u64 = 8 * 3600 * 1_000_000_000;
pub const MAX_TTL_NANOS: u64 = 30 * 24 * 3600 * 1_000_000_000;
/// Public keys the IC accepts are DER SubjectPublicKeyInfo; anything longer than this is not one.
const MAX_SESSION_KEY: usize = 300;

pub fn validate_user(name: &str) -> Result<(), DevIdentityError> {
    let ok_chars = name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if name.is_empty() || name.len() > MAX_USER_NAME || !ok_chars {
        return Err(DevIdentityError::InvalidUserName(
            "1 to 32 characters from a-z, 0-9, - and _".into(),
        ));
    }
    Ok(())
}

pub fn validate_origin(origin: &str) -> Result<(), DevIdentityError> {
    let scheme_ok = origin.starts_with("http://") || origin.starts_with("https://");
    let rest = origin.split_once("://").map(|(_, r)| r).unwrap_or("");
    if !scheme_ok || origin.len() > MAX_ORIGIN || rest.is_empty() || rest.contains('/') || origin.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(DevIdentityError::InvalidOrigin("an origin like http://app.localhost:4943".into()));
    }
    Ok(())
}

pub fn register(name: &str, now: u64) -> Result<(), DevIdentityError> {
    validate_user(name)?;
    if repository::has_user(name) {
        return Ok(());
    }
    if repository::user_count() >= MAX_USERS as u64 {
        return Err(DevIdentityError::TooManyUsers { limit: MAX_USERS });
    }
    repository::add_user(name, now);
    Ok(())
}

pub fn principal(user: &str, origin: &str) -> Result<Principal, DevIdentityError> {
    validate_user(user)?;
    validate_origin(origin)?;
    Ok(keys::principal_of(&keys::user_key(&repository::seed(), user, origin)))
}

pub fn delegate(
    user: &str,
    origin: &str,
    session_public_key: Vec<u8>,
    max_time_to_live: Option<u64>,
    now: u64,
) -> Result<DelegationReply, DevIdentityError> {
    validate_user(user)?;
    validate_origin(origin)?;
    if session_public_key.is_empty() || session_public_key.len() > MAX_SESSION_KEY || session_public_key[0] != 0x30 {
        return Err(DevIdentityError::InvalidSessionKey("a DER-encoded public key".into()));
    }
    let ttl = max_time_to_live.unwrap_or(DEFAULT_TTL_NANOS).clamp(1, MAX_TTL_NANOS);
    let key = keys::user_key(&repository::seed(), user, origin);
    let delegation = Delegation { pubkey: session_public_key, expiration: now.saturating_add(ttl) };
    Ok(DelegationReply {
        user_public_key: keys::public_key_der(&key),
        principal: keys::principal_of(&key),
        delegation: keys::sign_delegation(&key, delegation),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_input() {
        assert!(validate_user("alice").is_ok());
        for bad in ["", "Alice", "a b", "é", &"a".repeat(33)] {
            assert!(validate_user(bad).is_err(), "{bad:?}");
        }
        assert!(validate_origin("http://x.localhost:4943").is_ok());
        for bad in ["x.localhost", "http://", "http://a/b", "ftp://a"] {
            assert!(validate_origin(bad).is_err(), "{bad:?}");
        }
        let origin = "http://app.localhost";
        assert!(matches!(delegate("alice", origin, vec![], None, 0), Err(DevIdentityError::InvalidSessionKey(_))));
        assert!(matches!(delegate("alice", origin, vec![1; 44], None, 0), Err(DevIdentityError::InvalidSessionKey(_))));
    }

    #[test]
    fn delegation_expiry_is_capped_and_principal_matches() {
        let origin = "http://app.localhost";
        let reply = delegate("bob", origin, vec![0x30; 44], Some(u64::MAX), 1_000).unwrap();
        assert_eq!(reply.delegation.delegation.expiration, 1_000 + MAX_TTL_NANOS);
        assert_eq!(reply.principal, principal("bob", origin).unwrap());
        assert_eq!(reply.principal, Principal::self_authenticating(&reply.user_public_key));
    }

    #[test]
    fn registration_is_idempotent() {
        register("carol", 1).unwrap();
        register("carol", 2).unwrap();
        assert_eq!(repository::users(), vec!["carol".to_string()]);
        assert!(register("Bad Name", 3).is_err());
    }
}
