//! Per (user, origin) Ed25519 keys derived from the seed, and delegation signing.
//! The delegation's signable form is the IC's: `"\x1Aic-request-auth-delegation"` + hash_of_map(delegation).
use candid::Principal;
use ed25519_consensus::SigningKey;
use ic_representation_independent_hash::{representation_independent_hash, Value};
use sha2::{Digest, Sha256};

use crate::api::{Delegation, SignedDelegation};

/// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410).
const ED25519_DER_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
const DELEGATION_DOMAIN: &[u8] = b"\x1Aic-request-auth-delegation";

pub fn user_key(seed: &[u8; 32], user: &str, origin: &str) -> SigningKey {
    let mut hasher = Sha256::new();
    hasher.update(b"icto-dev-identity-v1");
    hasher.update(seed);
    // Length prefixes keep ("ab","c") and ("a","bc") apart.
    hasher.update((user.len() as u32).to_be_bytes());
    hasher.update(user.as_bytes());
    hasher.update((origin.len() as u32).to_be_bytes());
    hasher.update(origin.as_bytes());
    SigningKey::from(<[u8; 32]>::from(hasher.finalize()))
}

pub fn public_key_der(key: &SigningKey) -> Vec<u8> {
    let mut der = ED25519_DER_PREFIX.to_vec();
    der.extend_from_slice(key.verification_key().as_bytes());
    der
}

pub fn principal_of(key: &SigningKey) -> Principal {
    Principal::self_authenticating(public_key_der(key))
}

pub fn delegation_signable(delegation: &Delegation) -> Vec<u8> {
    let map = [
        ("pubkey".to_string(), Value::Bytes(delegation.pubkey.clone())),
        ("expiration".to_string(), Value::Number(delegation.expiration)),
    ];
    let mut signable = DELEGATION_DOMAIN.to_vec();
    signable.extend_from_slice(&representation_independent_hash(&map));
    signable
}

pub fn sign_delegation(key: &SigningKey, delegation: Delegation) -> SignedDelegation {
    let signature = key.sign(&delegation_signable(&delegation));
    SignedDelegation { delegation, signature: signature.to_bytes().to_vec() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signable_form_matches_the_agents() {
        let delegation = Delegation { pubkey: vec![7; 44], expiration: 1_700_000_000_000_000_000 };
        let agent_form = ic_transport_types::Delegation {
            pubkey: delegation.pubkey.clone(),
            expiration: delegation.expiration,
            targets: None,
            permissions: None,
        };
        assert_eq!(delegation_signable(&delegation), agent_form.signable());
    }

    #[test]
    fn keys_differ_per_user_and_origin_and_signatures_verify() {
        let seed = [1u8; 32];
        let alice = user_key(&seed, "alice", "http://a.localhost");
        assert_eq!(principal_of(&alice), principal_of(&user_key(&seed, "alice", "http://a.localhost")));
        assert_ne!(principal_of(&alice), principal_of(&user_key(&seed, "bob", "http://a.localhost")));
        assert_ne!(principal_of(&alice), principal_of(&user_key(&seed, "alice", "http://b.localhost")));
        assert_ne!(principal_of(&alice), principal_of(&user_key(&[2u8; 32], "alice", "http://a.localhost")));

        let signed = sign_delegation(&alice, Delegation { pubkey: vec![1, 2, 3], expiration: 5 });
        let signature = ed25519_consensus::Signature::try_from(signed.signature.as_slice()).unwrap();
        alice.verification_key().verify(&signature, &delegation_signable(&signed.delegation)).unwrap();
        assert_eq!(public_key_der(&alice).len(), 44);
    }
}
