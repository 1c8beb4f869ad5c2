//! What every factory's devnet test does first: install the factory on a devnet of its own and upload a
//! contract template as an admin (in 400 KB chunks, checked against its SHA-256). `E` is the factory's
//! typed error.

use crate::{Canister, Devnet};
use candid::{CandidType, Deserialize, Principal};
use icto_shared::template::{TemplateInfo, TemplateUploadBegin};
use sha2::{Digest, Sha256};
use std::fmt::Debug;
use std::sync::Arc;

/// The factory `wasm` installed by `admin` with `init` on a new devnet.
pub fn install(admin: Principal, wasm: Vec<u8>, init: impl CandidType) -> Canister {
    let devnet = Arc::new(Devnet::new());
    Canister::install(&devnet, admin, wasm, candid::encode_one(init).unwrap())
}

/// Uploads `module` as the factory's next template version; panics on any error.
pub fn upload<E>(factory: &Canister, admin: Principal, module: &[u8], label: &str) -> TemplateInfo
where
    E: CandidType + for<'a> Deserialize<'a> + Debug,
{
    let begin = TemplateUploadBegin {
        sha256: Sha256::digest(module).to_vec(),
        total_size: module.len() as u64,
        label: label.into(),
        semver: None,
        release_notes: None,
    };
    let r: Result<(), E> = factory.update(admin, "template_upload_begin", (begin,));
    r.unwrap();
    for chunk in module.chunks(400_000) {
        let r: Result<u64, E> = factory.update(admin, "template_upload_chunk", (serde_bytes::ByteBuf::from(chunk.to_vec()),));
        r.unwrap();
    }
    let r: Result<TemplateInfo, E> = factory.update(admin, "template_upload_commit", ());
    r.unwrap()
}
