//! A user's key for one app origin: a canister-signature public key of this canister with a seed derived
//! from the random salt, the user name and the origin. No private key exists: the canister signs by
//! certifying `sig/<hash(seed)>/<hash(message)>` (see `certification.rs`).
use candid::Principal;
use ic_canister_sig_creation::CanisterSigPublicKey;
use sha2::{Digest, Sha256};

pub fn seed(salt: &[u8; 32], user: &str, origin: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(b"icto-dev-identity-seed-v2");
    hasher.update(salt);
    // Length prefixes keep ("ab","c") and ("a","bc") apart.
    hasher.update((user.len() as u32).to_be_bytes());
    hasher.update(user.as_bytes());
    hasher.update((origin.len() as u32).to_be_bytes());
    hasher.update(origin.as_bytes());
    hasher.finalize().into()
}

pub fn public_key_der(canister: Principal, seed: &[u8; 32]) -> Vec<u8> {
    CanisterSigPublicKey::new(canister, seed.to_vec()).to_der()
}

pub fn principal(canister: Principal, seed: &[u8; 32]) -> Principal {
    Principal::self_authenticating(public_key_der(canister, seed))
}
