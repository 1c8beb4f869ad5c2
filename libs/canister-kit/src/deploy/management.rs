//! Calls to the management canister (canister code only). Modules above one message's size are uploaded
//! to the target's chunk store and installed with `install_chunked_code`.

use super::{needs_chunks, InstallMode, INSTALL_CHUNK_BYTES};
use candid::Principal;
use ic_cdk::call::Call;
use ic_management_canister_types::{
    CanisterIdRecord, CanisterSettings, CanisterStatusResult, ChunkHash, CreateCanisterArgs, InstallChunkedCodeArgs, InstallCodeArgs,
    UploadChunkArgs,
};
use sha2::{Digest, Sha256};

fn describe(e: impl std::fmt::Display) -> String {
    e.to_string()
}

fn management() -> Principal {
    Principal::management_canister()
}

pub async fn create_canister(controllers: Vec<Principal>, cycles: u128) -> Result<Principal, String> {
    let args = CreateCanisterArgs {
        settings: Some(CanisterSettings { controllers: Some(controllers), ..Default::default() }),
        sender_canister_version: Some(ic_cdk::api::canister_version()),
    };
    let reply = Call::unbounded_wait(management(), "create_canister")
        .with_arg(args)
        .with_cycles(cycles)
        .await
        .map_err(describe)?;
    reply.candid::<CanisterIdRecord>().map(|r| r.canister_id).map_err(describe)
}

/// Installs, upgrades or reinstalls, in one message or through the chunk store.
pub async fn install(canister_id: Principal, mode: InstallMode, wasm: Vec<u8>, arg: Vec<u8>) -> Result<(), String> {
    if needs_chunks(wasm.len(), arg.len()) {
        return install_chunked(canister_id, mode, wasm, arg).await;
    }
    let args = InstallCodeArgs {
        mode,
        canister_id,
        wasm_module: wasm,
        arg,
        sender_canister_version: Some(ic_cdk::api::canister_version()),
    };
    Call::unbounded_wait(management(), "install_code").with_arg(args).await.map(|_| ()).map_err(describe)
}

async fn install_chunked(canister_id: Principal, mode: InstallMode, wasm: Vec<u8>, arg: Vec<u8>) -> Result<(), String> {
    let mut chunk_hashes_list = Vec::new();
    for chunk in wasm.chunks(INSTALL_CHUNK_BYTES) {
        let args = UploadChunkArgs { canister_id, chunk: chunk.to_vec() };
        let reply = Call::unbounded_wait(management(), "upload_chunk").with_arg(args).await.map_err(describe)?;
        chunk_hashes_list.push(reply.candid::<ChunkHash>().map_err(describe)?);
    }
    let args = InstallChunkedCodeArgs {
        mode,
        target_canister: canister_id,
        store_canister: None,
        chunk_hashes_list,
        wasm_module_hash: Sha256::digest(&wasm).to_vec(),
        arg,
        sender_canister_version: Some(ic_cdk::api::canister_version()),
    };
    let installed = Call::unbounded_wait(management(), "install_chunked_code").with_arg(args).await.map(|_| ()).map_err(describe);
    // The chunks cost the contract storage; they are not needed once installed (or failed).
    let _ = Call::unbounded_wait(management(), "clear_chunk_store").with_arg(CanisterIdRecord { canister_id }).await;
    installed
}

/// The cycles balance of a canister this one controls.
pub async fn cycles_balance(canister_id: Principal) -> Result<u128, String> {
    let reply = Call::unbounded_wait(management(), "canister_status")
        .with_arg(CanisterIdRecord { canister_id })
        .await
        .map_err(describe)?;
    let status = reply.candid::<CanisterStatusResult>().map_err(describe)?;
    u128::try_from(status.cycles.0).map_err(describe)
}

/// Sends `cycles` from this canister's balance to `canister_id`.
pub async fn deposit_cycles(canister_id: Principal, cycles: u128) -> Result<(), String> {
    Call::unbounded_wait(management(), "deposit_cycles")
        .with_arg(CanisterIdRecord { canister_id })
        .with_cycles(cycles)
        .await
        .map(|_| ())
        .map_err(describe)
}
