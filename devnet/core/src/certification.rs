//! The devnet's root of trust: a BLS12-381 key that signs state trees into IC certificates
//! (one root subnet, no delegation), plus helpers to build those trees. The server adds its own
//! paths (request_status, ...) with `StateTreeBuilder` and signs them with `Certifier::certify`.
use candid::Principal;
use ic_certification::{fork, labeled, leaf, Certificate, HashTree};
use ic_verify_bls_signature::PrivateKey;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// DER prefix of a BLS12-381 G2 public key as the IC encodes root keys (ic-agent's `IC_ROOT_KEY` form).
pub const BLS_DER_PREFIX: [u8; 37] = [
    0x30, 0x81, 0x82, 0x30, 0x1d, 0x06, 0x0d, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xdc, 0x7c, 0x05, 0x03, 0x01,
    0x02, 0x01, 0x06, 0x0c, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xdc, 0x7c, 0x05, 0x03, 0x02, 0x01, 0x03, 0x61,
    0x00,
];

/// Domain separator of state-root signatures.
pub const STATE_ROOT_DOMAIN: &[u8] = b"\x0Dic-state-root";

pub struct Certifier {
    key: PrivateKey,
    root_key_der: Vec<u8>,
    subnet_id: Principal,
}

impl Certifier {
    /// A key derived deterministically from `seed` (the same seed gives the same root key).
    pub fn from_seed(seed: &[u8]) -> Self {
        let mut counter = 0u32;
        let key = loop {
            let digest: [u8; 32] = Sha256::new()
                .chain_update(b"devnet-root-key")
                .chain_update(seed)
                .chain_update(counter.to_be_bytes())
                .finalize()
                .into();
            if let Ok(k) = PrivateKey::deserialize(&digest) {
                break k;
            }
            counter += 1;
        };
        Self::from_key(key)
    }

    pub fn from_key(key: PrivateKey) -> Self {
        let mut root_key_der = BLS_DER_PREFIX.to_vec();
        root_key_der.extend_from_slice(&key.public_key().serialize());
        let subnet_id = Principal::self_authenticating(&root_key_der);
        Certifier { key, root_key_der, subnet_id }
    }

    /// The secret key bytes (for persisting the devnet's identity across restarts).
    pub fn secret_key_bytes(&self) -> [u8; 32] {
        self.key.serialize()
    }

    pub fn root_key_der(&self) -> &[u8] {
        &self.root_key_der
    }

    /// The raw 96-byte public key.
    pub fn root_public_key(&self) -> &[u8] {
        &self.root_key_der[BLS_DER_PREFIX.len()..]
    }

    pub fn subnet_id(&self) -> Principal {
        self.subnet_id
    }

    /// Signs the tree's root hash and returns the CBOR certificate (with the self-describe tag).
    pub fn certify(&self, tree: HashTree) -> Vec<u8> {
        let mut message = STATE_ROOT_DOMAIN.to_vec();
        message.extend_from_slice(&tree.digest());
        let signature = self.key.sign(&message).serialize().to_vec();
        let certificate = Certificate { tree, signature, delegation: None };
        let mut out = Vec::new();
        let mut serializer = serde_cbor::Serializer::new(&mut out);
        serializer.self_describe().expect("writing to a Vec cannot fail");
        serde::Serialize::serialize(&certificate, &mut serializer).expect("certificate serializes");
        out
    }

    /// The certificate a query sees through `ic0.data_certificate_copy`: `/time` and
    /// `/canister/<id>/certified_data`.
    pub fn data_certificate(&self, canister: Principal, certified_data: &[u8], time_nanos: u64) -> Vec<u8> {
        let mut builder = StateTreeBuilder::new();
        builder.insert_time(time_nanos);
        builder.insert(
            &[b"canister".as_slice(), canister.as_slice(), b"certified_data".as_slice()],
            certified_data.to_vec(),
        );
        self.certify(builder.build())
    }
}

/// Builds a state tree from leaves at paths; labels are sorted as the IC requires.
#[derive(Default, Clone, Debug)]
pub struct StateTreeBuilder {
    root: Node,
}

#[derive(Clone, Debug)]
enum Node {
    Leaf(Vec<u8>),
    Branch(BTreeMap<Vec<u8>, Node>),
}

impl Default for Node {
    fn default() -> Self {
        Node::Branch(BTreeMap::new())
    }
}

impl StateTreeBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a leaf; an existing leaf or subtree at that path is replaced.
    pub fn insert(&mut self, path: &[&[u8]], value: Vec<u8>) -> &mut Self {
        let mut node = &mut self.root;
        for (i, label) in path.iter().enumerate() {
            if matches!(node, Node::Leaf(_)) {
                *node = Node::default();
            }
            let Node::Branch(children) = node else { unreachable!() };
            let child = children.entry(label.to_vec()).or_default();
            if i + 1 == path.len() {
                *child = Node::Leaf(value);
                return self;
            }
            node = child;
        }
        self
    }

    /// `/time` as the IC encodes it (LEB128 nanoseconds).
    pub fn insert_time(&mut self, time_nanos: u64) -> &mut Self {
        self.insert(&[b"time"], leb128(time_nanos.into()))
    }

    pub fn build(&self) -> HashTree {
        build_node(&self.root)
    }
}

fn build_node(node: &Node) -> HashTree {
    match node {
        Node::Leaf(v) => leaf(v.clone()),
        Node::Branch(children) => {
            let subtrees: Vec<HashTree> = children.iter().map(|(l, n)| labeled(l.clone(), build_node(n))).collect();
            balanced_fork(subtrees)
        }
    }
}

fn balanced_fork(mut trees: Vec<HashTree>) -> HashTree {
    match trees.len() {
        0 => ic_certification::empty(),
        1 => trees.pop().unwrap(),
        n => {
            let right = trees.split_off(n / 2);
            fork(balanced_fork(trees), balanced_fork(right))
        }
    }
}

/// Unsigned LEB128, as used for numbers in the state tree and in request ids.
pub fn leb128(mut value: u128) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ic_certification::LookupResult;

    #[test]
    fn certificate_signature_verifies_against_the_root_key() {
        let certifier = Certifier::from_seed(b"test");
        let tree = {
            let mut b = StateTreeBuilder::new();
            b.insert_time(42).insert(&[b"canister", b"x", b"certified_data"], vec![1, 2, 3]);
            b.build()
        };
        assert_eq!(tree.lookup_path([b"time".as_slice()]), LookupResult::Found(&[42u8][..]));
        let mut message = STATE_ROOT_DOMAIN.to_vec();
        message.extend_from_slice(&tree.digest());
        let cbor = certifier.certify(tree);
        assert!(cbor.starts_with(&[0xd9, 0xd9, 0xf7]));
        let signature = certifier.key.sign(&message).serialize();
        assert!(ic_verify_bls_signature::verify_bls_signature(&signature, &message, certifier.root_public_key()).is_ok());
        assert_eq!(certifier.root_key_der().len(), 133);
    }

    #[test]
    fn leb128_encodes_multi_byte_values() {
        assert_eq!(leb128(624485), vec![0xe5, 0x8e, 0x26]);
    }
}
