//! Test users: names, origins and registration.
use icto_shared::dev_identity::DevIdentityError;
use crate::repositories::users;

pub const MAX_USERS: u32 = 1_000;
pub const MAX_USER_NAME: usize = 32;
pub const MAX_ORIGIN: usize = 256;
pub const DEFAULT_USERS: [&str; 3] = ["alice", "bob", "carol"];

pub fn validate_user(name: &str) -> Result<(), DevIdentityError> {
    let ok_chars = name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if name.is_empty() || name.len() > MAX_USER_NAME || !ok_chars {
        return Err(DevIdentityError::InvalidUserName("1 to 32 characters from a-z, 0-9, - and _".into()));
    }
    Ok(())
}

pub fn validate_origin(origin: &str) -> Result<(), DevIdentityError> {
    let scheme_ok = origin.starts_with("http://") || origin.starts_with("https://");
    let rest = origin.split_once("://").map(|(_, r)| r).unwrap_or("");
    let bad_char = origin.chars().any(|c| c.is_whitespace() || c.is_control());
    if !scheme_ok || origin.len() > MAX_ORIGIN || rest.is_empty() || rest.contains('/') || bad_char {
        return Err(DevIdentityError::InvalidOrigin("an origin like http://app.localhost:4943".into()));
    }
    Ok(())
}

/// Registers `name` (idempotent).
pub fn register(name: &str, now: u64) -> Result<(), DevIdentityError> {
    validate_user(name)?;
    if users::contains(name) {
        return Ok(());
    }
    if users::count() >= MAX_USERS as u64 {
        return Err(DevIdentityError::TooManyUsers { limit: MAX_USERS });
    }
    users::insert(name, now);
    Ok(())
}

pub fn list() -> Vec<String> {
    users::all()
}
