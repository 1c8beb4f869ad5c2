//! The one node's Ed25519 key: it signs query responses, and its public key is published in the
//! state tree at `/subnet/<subnet>/node/<node>/public_key` so agents can check those signatures.

use candid::Principal;
use ic_transport_types::{NodeSignature, QueryResponse, RequestId};

pub struct NodeKey {
    key: ic_ed25519::PrivateKey,
    pub node_id: Principal,
}

impl NodeKey {
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        let key = ic_ed25519::PrivateKey::deserialize_raw_32(seed);
        let node_id = Principal::self_authenticating(key.public_key().serialize_rfc8410_der());
        Self { key, node_id }
    }

    pub fn random() -> Self {
        Self::from_seed(&rand::random())
    }

    pub fn seed(&self) -> [u8; 32] {
        self.key.serialize_raw()
    }

    pub fn public_key_der(&self) -> Vec<u8> {
        self.key.public_key().serialize_rfc8410_der()
    }

    /// Adds this node's signature to a query response, over the response and the request id.
    pub fn sign_query_response(&self, response: QueryResponse, request_id: [u8; 32], timestamp: u64) -> QueryResponse {
        let signable = response.signable(RequestId::new(&request_id), timestamp);
        let signature = NodeSignature {
            timestamp,
            signature: self.key.sign_message(&signable).to_vec(),
            identity: self.node_id,
        };
        match response {
            QueryResponse::Replied { reply, .. } => QueryResponse::Replied { reply, signatures: vec![signature] },
            QueryResponse::Rejected { reject, .. } => QueryResponse::Rejected { reject, signatures: vec![signature] },
        }
    }
}
