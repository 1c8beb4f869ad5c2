//! Principals for test users: distinct per number and the same in every run.

use candid::Principal;

/// A distinct test principal per number (a self-authenticating-length id, never a canister's).
pub fn principal(n: u64) -> Principal {
    let mut bytes = vec![0x5a];
    bytes.extend_from_slice(&n.to_be_bytes());
    bytes.push(0x01);
    Principal::from_slice(&bytes)
}

/// The principal of a named test user ("alice", "bob", ...), distinct from every numbered one.
pub fn named(name: &str) -> Principal {
    let mut bytes = vec![0x5b];
    bytes.extend(name.bytes().take(27));
    Principal::from_slice(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_are_distinct_and_stable() {
        assert_ne!(principal(1), principal(2));
        assert_eq!(principal(7), principal(7));
        assert_ne!(named("alice"), named("bob"));
        assert_ne!(named("alice"), principal(0));
    }
}
