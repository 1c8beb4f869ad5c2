//! Canister signatures prepared by update calls and read back by queries (with the data certificate).
use ic_canister_sig_creation::signature_map::{CanisterSigError, CanisterSigInputs, SignatureMap};
use ic_certification::Hash;
use std::cell::RefCell;

thread_local! {
    static SIGNATURES: RefCell<SignatureMap> = RefCell::new(SignatureMap::default());
}

/// Adds a signature (expired ones are pruned on the way) and returns the map's new root hash.
pub fn add(inputs: &CanisterSigInputs) -> Hash {
    SIGNATURES.with(|s| {
        let mut map = s.borrow_mut();
        map.add_signature(inputs);
        map.root_hash()
    })
}

pub fn root_hash() -> Hash {
    SIGNATURES.with(|s| s.borrow().root_hash())
}

/// The CBOR canister signature; `http_root` is the hash of the HTTP certification subtree beside `sig`.
pub fn signature_cbor(inputs: &CanisterSigInputs, http_root: Hash) -> Result<Vec<u8>, CanisterSigError> {
    SIGNATURES.with(|s| s.borrow().get_signature_as_cbor(inputs, Some(http_root)))
}
