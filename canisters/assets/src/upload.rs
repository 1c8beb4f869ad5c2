//! The upload service: validates chunks, stages them, and publishes the staged set on commit.
use icto_shared::assets_api::{AssetError, StoreChunk, ENCODING_GZIP, ENCODING_IDENTITY};
use std::collections::BTreeSet;

use crate::model::file_key;
use crate::model::StoredFile;
use crate::repository;

pub const MAX_PATH_LEN: usize = 256;
pub const MAX_CONTENT_TYPE_LEN: usize = 128;
/// A file is served in one query reply, which the IC caps near 3 MiB.
pub const MAX_FILE_BYTES: u64 = 3_000_000;
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
pub fn store(chunk: StoreChunk) -> Result<(), AssetError> {
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

/// Moves every staged file to the live set; with `remove_missing`, live files not in this upload go away.
pub fn publish(remove_missing: bool) -> Result<Published, AssetError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_checked() {
        assert!(validate_path("/index.html").is_ok());
        assert!(validate_path("/assets/app-1a2b.wasm").is_ok());
        for bad in ["", "/", "index.html", "/a/../b", "/a//b", "/dir/", "/a b", "/a?b", "/a\0b"] {
            assert!(validate_path(bad).is_err(), "{bad:?} must be refused");
        }
        assert!(validate_path(&format!("/{}", "a".repeat(MAX_PATH_LEN))).is_err());
    }

    fn chunk(path: &str, index: u32, bytes: &[u8]) -> StoreChunk {
        StoreChunk {
            path: path.into(),
            content_type: "text/plain".into(),
            content_encoding: ENCODING_IDENTITY.into(),
            chunk_index: index,
            chunk: bytes.to_vec(),
        }
    }

    #[test]
    fn chunks_append_in_order_and_publish_replaces_live_files() {
        store(chunk("/a.txt", 0, b"hello ")).unwrap();
        assert_eq!(store(chunk("/a.txt", 2, b"x")), Err(AssetError::ChunkOutOfOrder { expected: 1, got: 2 }));
        store(chunk("/a.txt", 1, b"world")).unwrap();
        assert!(repository::live_get("/a.txt", ENCODING_IDENTITY).is_none(), "nothing live before commit");
        let published = publish(false).unwrap();
        assert_eq!(published.files, 1);
        assert_eq!(repository::live_get("/a.txt", ENCODING_IDENTITY).unwrap().content, b"hello world");
        assert_eq!(publish(false).err(), Some(AssetError::NothingStaged));

        store(chunk("/b.txt", 0, b"b")).unwrap();
        let published = publish(true).unwrap();
        assert_eq!((published.files, published.removed), (1, 1));
        assert!(repository::live_get("/a.txt", ENCODING_IDENTITY).is_none());
    }

    #[test]
    fn bad_chunks_write_nothing() {
        let mut big = chunk("/big.bin", 0, &vec![0u8; MAX_FILE_BYTES as usize + 1]);
        assert_eq!(store(big.clone()), Err(AssetError::TooLarge { limit: MAX_FILE_BYTES }));
        big.content_encoding = "br".into();
        big.chunk = vec![1];
        assert!(matches!(store(big), Err(AssetError::UnsupportedEncoding(_))));
        let mut bad_type = chunk("/t.txt", 0, b"x");
        bad_type.content_type = "nonsense".into();
        assert!(matches!(store(bad_type), Err(AssetError::InvalidContentType(_))));
        assert_eq!(repository::staged_len(), 0);
    }
}
