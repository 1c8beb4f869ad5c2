//! Certificates: a hash tree witness plus the BLS signature of its root hash by the root key.

use crate::state_tree::Tree;
use serde::Serialize;

#[derive(Serialize)]
struct Certificate<'a> {
    tree: &'a Tree,
    #[serde(with = "serde_bytes")]
    signature: Vec<u8>,
}

/// CBOR bytes of a certificate over `tree` with the given signature of its root hash.
pub fn encode_certificate(tree: &Tree, signature: Vec<u8>) -> Vec<u8> {
    self_describing_cbor(&Certificate { tree, signature })
}

/// CBOR with the self-describing tag 55799, as the replica sends it.
pub fn self_describing_cbor<T: Serialize>(value: &T) -> Vec<u8> {
    let mut serializer = serde_cbor::Serializer::new(Vec::new());
    serializer.self_describe().expect("writing to a Vec cannot fail");
    value.serialize(&mut serializer).expect("CBOR serialization of our own types cannot fail");
    serializer.into_inner()
}

/// The message the root key signs: `"\x0Dic-state-root" ++ root_hash`.
pub fn state_root_message(root_hash: &[u8; 32]) -> Vec<u8> {
    let mut message = b"\x0Dic-state-root".to_vec();
    message.extend_from_slice(root_hash);
    message
}
