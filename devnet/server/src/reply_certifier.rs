//! Certificates for synchronous call replies, signed in batches: calls that finish while a
//! signature is being made share the next one. Each reply gets a witness of the shared tree pruned
//! to its own request (same root hash, so the one signature holds), saving a BLS signing per call
//! on the server and, since identical signatures verify once, work on clients too.

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
