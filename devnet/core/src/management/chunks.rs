//! The wasm chunk store: upload_chunk, stored_chunks, clear_chunk_store (for the canister's
//! controllers and the canister itself), install_chunked_code.
use ic_management_canister_types as mgmt;
use sha2::{Digest, Sha256};

use super::{decode, encode, encode_unit};
use crate::state::Request;
use crate::subnet::Subnet;
use crate::types::{ErrorCode, RejectResponse};

pub const MAX_CHUNK_BYTES: usize = 1024 * 1024;
pub const MAX_CHUNKS: usize = 100;

fn payload_error(message: String) -> RejectResponse {
    RejectResponse::error(ErrorCode::INVALID_MANAGEMENT_PAYLOAD, message)
}

impl Subnet {
    pub(super) fn mgmt_upload_chunk(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::UploadChunkArgs = decode("upload_chunk", &req.arg)?;
        self.controlled_or_self(&args.canister_id, &req.sender)?;
        if args.chunk.len() > MAX_CHUNK_BYTES {
            return Err(payload_error(format!("chunk of {} bytes exceeds the maximum of {MAX_CHUNK_BYTES}", args.chunk.len())));
        }
        let c = self.canisters.get_mut(&args.canister_id).unwrap();
        let hash: [u8; 32] = Sha256::digest(&args.chunk).into();
        if !c.chunk_store.contains_key(&hash) && c.chunk_store.len() >= MAX_CHUNKS {
            return Err(payload_error(format!("the chunk store of canister {} is full ({MAX_CHUNKS} chunks)", args.canister_id)));
        }
        c.chunk_store.insert(hash, args.chunk);
        Ok(encode(&mgmt::ChunkHash { hash: hash.to_vec() }))
    }

    pub(super) fn mgmt_stored_chunks(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterIdRecord = decode("stored_chunks", &req.arg)?;
        self.controlled_or_self(&args.canister_id, &req.sender)?;
        let hashes: Vec<mgmt::ChunkHash> =
            self.canisters[&args.canister_id].chunk_store.keys().map(|h| mgmt::ChunkHash { hash: h.to_vec() }).collect();
        Ok(encode(&hashes))
    }

    pub(super) fn mgmt_clear_chunk_store(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterIdRecord = decode("clear_chunk_store", &req.arg)?;
        self.controlled_or_self(&args.canister_id, &req.sender)?;
        self.canisters.get_mut(&args.canister_id).unwrap().chunk_store.clear();
        Ok(encode_unit())
    }

    pub(super) fn mgmt_install_chunked_code(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::InstallChunkedCodeArgs = decode("install_chunked_code", &req.arg)?;
        let store = args.store_canister.unwrap_or(args.target_canister);
        self.controlled_or_self(&store, &req.sender)?;
        let chunk_store = &self.canisters[&store].chunk_store;
        let mut wasm = Vec::new();
        for chunk in &args.chunk_hashes_list {
            let key: [u8; 32] = chunk.hash.as_slice().try_into().map_err(|_| payload_error("chunk hash must be 32 bytes".into()))?;
            let bytes = chunk_store
                .get(&key)
                .ok_or_else(|| payload_error(format!("chunk {} is not in the chunk store of {store}", hex::encode(key))))?;
            wasm.extend_from_slice(bytes);
        }
        let hash: [u8; 32] = Sha256::digest(&wasm).into();
        if hash.as_slice() != args.wasm_module_hash.as_slice() {
            return Err(payload_error(format!(
                "wasm_module_hash {} does not match the hash of the assembled chunks {}",
                hex::encode(&args.wasm_module_hash),
                hex::encode(hash)
            )));
        }
        let origin = super::change_origin(req, args.sender_canister_version);
        self.install_code(req.sender, args.target_canister, (&args.mode).into(), wasm, args.arg, origin)?;
        Ok(encode_unit())
    }
}
