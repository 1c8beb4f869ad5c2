//! Template upload in chunks by an admin: begin (expected sha256 and size), chunks, commit (verifies
//! the hash and makes it the newest version).

use super::access::require_admin;
use crate::models::state::UploadSession;
use crate::repositories::{state, templates};
use candid::Principal;
use icto_shared::factory::limits::{MAX_CHUNK_BYTES, MAX_LABEL_CHARS, MAX_TEMPLATE_BYTES};
use icto_shared::factory::{FactoryError, TemplateInfo, TemplateUploadBegin};
use sha2::{Digest, Sha256};

pub fn begin(caller: Principal, args: TemplateUploadBegin) -> Result<(), FactoryError> {
    require_admin(&caller)?;
    if args.sha256.len() != 32 {
        return Err(FactoryError::InvalidArgument("sha256 must be 32 bytes".into()));
    }
    if args.total_size == 0 || args.total_size > MAX_TEMPLATE_BYTES {
        return Err(FactoryError::UploadTooLarge { max_bytes: MAX_TEMPLATE_BYTES });
    }
    if args.label.chars().count() > MAX_LABEL_CHARS {
        return Err(FactoryError::InvalidArgument(format!("label exceeds {MAX_LABEL_CHARS} characters")));
    }
    // A new upload replaces an unfinished one.
    if let Some(old) = state::with(|s| s.upload.clone()) {
        templates::remove_chunks(old.version);
    }
    let version = state::with(|s| s.latest_template.map_or(1, |v| v + 1));
    state::update(|s| {
        s.upload = Some(UploadSession {
            version,
            sha256: args.sha256,
            total_size: args.total_size,
            label: args.label,
            received: 0,
            chunks: 0,
        })
    });
    Ok(())
}

pub fn chunk(caller: Principal, bytes: Vec<u8>) -> Result<u64, FactoryError> {
    require_admin(&caller)?;
    if bytes.len() > MAX_CHUNK_BYTES {
        return Err(FactoryError::ChunkTooLarge { max_bytes: MAX_CHUNK_BYTES as u64 });
    }
    let session = state::with(|s| s.upload.clone()).ok_or(FactoryError::UploadNotStarted)?;
    let received = session.received + bytes.len() as u64;
    if received > session.total_size {
        return Err(FactoryError::UploadTooLarge { max_bytes: session.total_size });
    }
    templates::put_chunk(session.version, session.chunks, bytes);
    state::update(|s| {
        if let Some(u) = s.upload.as_mut() {
            u.received = received;
            u.chunks += 1;
        }
    });
    Ok(received)
}

pub fn commit(caller: Principal, now: u64) -> Result<TemplateInfo, FactoryError> {
    require_admin(&caller)?;
    let session = state::with(|s| s.upload.clone()).ok_or(FactoryError::UploadNotStarted)?;
    let bytes = templates::bytes(session.version);
    let actual: Vec<u8> = Sha256::digest(&bytes).to_vec();
    if bytes.len() as u64 != session.total_size || actual != session.sha256 {
        return Err(FactoryError::HashMismatch { expected: session.sha256, actual });
    }
    let info = TemplateInfo {
        version: session.version,
        sha256: session.sha256,
        size: session.total_size,
        label: session.label,
        uploaded_at: now,
    };
    templates::insert(info.clone());
    state::update(|s| {
        s.latest_template = Some(info.version);
        s.upload = None;
    });
    Ok(info)
}

pub fn latest() -> Option<TemplateInfo> {
    state::with(|s| s.latest_template).and_then(templates::get)
}

/// The template by hash, or the newest when no hash is given.
pub fn resolve(sha256: Option<&[u8]>) -> Result<TemplateInfo, FactoryError> {
    match sha256 {
        Some(h) => templates::find_by_sha256(h).ok_or(FactoryError::TemplateNotFound),
        None => latest().ok_or(FactoryError::NoTemplate),
    }
}
