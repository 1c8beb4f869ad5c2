//! A BLS12-381 root key held by the process (for replicas that do not bring their own) and the DER
//! form clients expect for the root public key.

use crate::certificate::{encode_certificate, state_root_message};
use crate::state_tree::Tree;
use ic_verify_bls_signature::PrivateKey;

/// DER prefix of a BLS12-381 G2 public key as the IC encodes it (followed by the 96-byte key).
pub const BLS_DER_PREFIX: [u8; 37] = [
    0x30, 0x81, 0x82, 0x30, 0x1d, 0x06, 0x0d, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xdc, 0x7c, 0x05, 0x03, 0x01, 0x02,
    0x01, 0x06, 0x0c, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xdc, 0x7c, 0x05, 0x03, 0x02, 0x01, 0x03, 0x61, 0x00,
];

pub struct RootKey {
    key: PrivateKey,
}

impl RootKey {
    pub fn random() -> Self {
        Self { key: PrivateKey::random(&mut rand::rngs::OsRng) }
    }

    pub fn public_key_der(&self) -> Vec<u8> {
        let mut der = BLS_DER_PREFIX.to_vec();
        der.extend_from_slice(&self.key.public_key().serialize());
        der
    }

    pub fn certify(&self, tree: &Tree) -> Vec<u8> {
        let signature = self.key.sign(&state_root_message(&tree.digest())).serialize().to_vec();
        encode_certificate(tree, signature)
    }
}
