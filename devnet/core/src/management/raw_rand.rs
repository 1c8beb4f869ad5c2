//! `raw_rand`: 32 bytes nobody can predict. They come from SHA-256 of a per-devnet random seed
//! and a counter; both are persisted, so a restarted devnet continues the sequence instead of
//! repeating it.
use sha2::{Digest, Sha256};

use crate::subnet::Subnet;
use crate::types::RejectResponse;

impl Subnet {
    pub(super) fn mgmt_raw_rand(&mut self) -> Result<Vec<u8>, RejectResponse> {
        self.raw_rand_counter += 1;
        let bytes: [u8; 32] = Sha256::new()
            .chain_update(b"devnet-raw-rand")
            .chain_update(self.raw_rand_seed)
            .chain_update(self.raw_rand_counter.to_be_bytes())
            .finalize()
            .into();
        Ok(candid::encode_one(serde_bytes::ByteBuf::from(bytes.to_vec())).expect("a blob encodes"))
    }
}
