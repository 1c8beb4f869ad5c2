//! The app's files: controllers stage them in chunks and publish the staged set at once (which
//! recertifies every response); anyone lists what is served.
use canister_kit::CallContext;
use icto_shared::assets::{
    AssetError, AssetInfo, CommitArgs, CommitSummary, EncodingInfo, StoreChunk, ENCODING_GZIP, ENCODING_IDENTITY,
};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

use super::access::require_controller;
use super::certified_data;
use crate::models::file::{file_key, StoredFile};
use crate::repositories::files as repository;

pub const MAX_PATH_LEN: usize = 256;
pub const MAX_CONTENT_TYPE_LEN: usize = 128;
pub use icto_shared::assets::MAX_FILE_BYTES;
pub const MAX_STAGED_FILES: u32 = 2_000;

pub fn validate_path(path: &str) -> Result<(), AssetError> {
    let bad = |why: &str| Err(AssetError::InvalidPath(format!("{why}: {:.64}", path)));
    if !path.starts_with('/') || path.len() < 2 {
        return bad("must start with / and name a file");
    }
    if path.len() > MAX_PATH_LEN {
        return bad("too long");
    }
    if path.chars().any(|c| c.is_control() || c.is_whitespace() || c == '?' || c == '#') {
        return bad("contains a control, space, ? or # character");
    }
    if path.split('/').any(|segment| segment == ".." || segment == ".") || path.contains("//") {
        return bad("contains an empty, . or .. segment");
    }
    if path.ends_with('/') {
        return bad("names a directory");
    }
    Ok(())
}

fn validate_content_type(content_type: &str) -> Result<(), AssetError> {
    let printable = content_type.chars().all(|c| c.is_ascii_graphic() || c == ' ');
    if content_type.is_empty() || content_type.len() > MAX_CONTENT_TYPE_LEN || !printable || !content_type.contains('/') {
        return Err(AssetError::InvalidContentType(content_type.chars().take(64).collect()));
    }
    Ok(())
}

fn validate_encoding(encoding: &str) -> Result<(), AssetError> {
    if encoding == ENCODING_IDENTITY || encoding == ENCODING_GZIP {
        Ok(())
    } else {
        Err(AssetError::UnsupportedEncoding(encoding.chars().take(32).collect()))
    }
}

/// Stages one chunk. Every check runs before anything is written.
pub fn store(ctx: &CallContext, chunk: StoreChunk) -> Result<(), AssetError> {
    require_controller(ctx)?;
    validate_path(&chunk.path)?;
    validate_content_type(&chunk.content_type)?;
    validate_encoding(&chunk.content_encoding)?;
    let staged = repository::staged_get(&chunk.path, &chunk.content_encoding);
    let mut file = if chunk.chunk_index == 0 {
        if staged.is_none() && repository::staged_len() >= MAX_STAGED_FILES as u64 {
            return Err(AssetError::TooManyFiles { limit: MAX_STAGED_FILES });
        }
        StoredFile { content_type: chunk.content_type.clone(), content: Vec::new(), chunks: 0 }
    } else {
        let expected = staged.as_ref().map(|f| f.chunks).unwrap_or(0);
        match staged {
            Some(file) if file.chunks == chunk.chunk_index => file,
            _ => return Err(AssetError::ChunkOutOfOrder { expected, got: chunk.chunk_index }),
        }
    };
    if file.content.len() as u64 + chunk.chunk.len() as u64 > MAX_FILE_BYTES {
        return Err(AssetError::TooLarge { limit: MAX_FILE_BYTES });
    }
    file.content.extend_from_slice(&chunk.chunk);
    file.chunks += 1;
    file.content_type = chunk.content_type;
    repository::staged_insert(&chunk.path, &chunk.content_encoding, file);
    Ok(())
}

pub struct Published {
    pub files: u32,
    pub removed: u32,
}

/// Publishes the staged files and recertifies: the new root hash becomes the certified data.
pub fn commit(ctx: &CallContext, args: CommitArgs) -> Result<CommitSummary, AssetError> {
    require_controller(ctx)?;
    let published = publish(args.remove_missing)?;
    let root = certified_data::refresh();
    Ok(CommitSummary { files: published.files, removed: published.removed, root_hash: root.to_vec() })
}

/// Moves every staged file to the live set; with `remove_missing`, live files not in this upload go away.
fn publish(remove_missing: bool) -> Result<Published, AssetError> {
    if repository::staged_len() == 0 {
        return Err(AssetError::NothingStaged);
    }
    let staged = repository::staged_drain();
    let staged_keys: BTreeSet<String> = staged.iter().map(|e| file_key(&e.path, &e.encoding)).collect();
    let mut removed = 0;
    if remove_missing {
        for key in repository::live_keys() {
            if !staged_keys.contains(&key) {
                repository::live_remove_key(&key);
                removed += 1;
            }
        }
    }
    let files = staged.len() as u32;
    for entry in staged {
        let file = StoredFile { chunks: 0, ..entry.file };
        repository::live_insert(&entry.path, &entry.encoding, file);
    }
    Ok(Published { files, removed })
}

/// Every live file with its encodings, sizes and hashes, by path.
pub fn list() -> Vec<AssetInfo> {
    let mut infos: Vec<AssetInfo> = Vec::new();
    for entry in repository::live_all() {
        let encoding = EncodingInfo {
            encoding: entry.encoding.clone(),
            length: entry.file.content.len() as u64,
            sha256: Sha256::digest(&entry.file.content).to_vec(),
        };
        match infos.last_mut() {
            Some(info) if info.path == entry.path => info.encodings.push(encoding),
            _ => infos.push(AssetInfo { path: entry.path, content_type: entry.file.content_type, encodings: vec![encoding] }),
        }
    }
    infos
}
