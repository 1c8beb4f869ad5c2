use crate::repositories::files as repository;
use crate::services::files::{commit, list, store, validate_path, MAX_FILE_BYTES, MAX_PATH_LEN};
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::assets::{AssetError, CommitArgs, StoreChunk, ENCODING_IDENTITY};

fn controller() -> CallContext {
    CallContext { caller_is_controller: true, ..CallContext::for_test(Principal::from_slice(&[7; 29]), 1) }
}

fn stranger() -> CallContext {
    CallContext::for_test(Principal::from_slice(&[9; 29]), 1)
}

fn publish(remove_missing: bool) -> Result<(u32, u32), AssetError> {
    commit(&controller(), CommitArgs { remove_missing }).map(|s| (s.files, s.removed))
}

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
    let c = controller();
    store(&c, chunk("/a.txt", 0, b"hello ")).unwrap();
    assert_eq!(store(&c, chunk("/a.txt", 2, b"x")), Err(AssetError::ChunkOutOfOrder { expected: 1, got: 2 }));
    store(&c, chunk("/a.txt", 1, b"world")).unwrap();
    assert!(repository::live_get("/a.txt", ENCODING_IDENTITY).is_none(), "nothing live before commit");
    let summary = commit(&c, CommitArgs { remove_missing: false }).unwrap();
    assert_eq!(summary.files, 1);
    assert_eq!(canister_kit::system::certified_data(), Some(summary.root_hash.clone()), "commit certifies the new set");
    assert_eq!(repository::live_get("/a.txt", ENCODING_IDENTITY).unwrap().content, b"hello world");
    assert_eq!(publish(false), Err(AssetError::NothingStaged));

    store(&c, chunk("/b.txt", 0, b"b")).unwrap();
    assert_eq!(publish(true), Ok((1, 1)));
    assert!(repository::live_get("/a.txt", ENCODING_IDENTITY).is_none());
    let listed = list();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].path.as_str(), listed[0].encodings[0].length), ("/b.txt", 1));
}

#[test]
fn only_controllers_store_and_commit() {
    assert_eq!(store(&stranger(), chunk("/a.txt", 0, b"x")), Err(AssetError::NotController));
    store(&controller(), chunk("/a.txt", 0, b"x")).unwrap();
    assert_eq!(commit(&stranger(), CommitArgs { remove_missing: true }), Err(AssetError::NotController));
    assert!(repository::live_get("/a.txt", ENCODING_IDENTITY).is_none());
}

#[test]
fn bad_chunks_write_nothing() {
    let c = controller();
    let mut big = chunk("/big.bin", 0, &vec![0u8; MAX_FILE_BYTES as usize + 1]);
    assert_eq!(store(&c, big.clone()), Err(AssetError::TooLarge { limit: MAX_FILE_BYTES }));
    big.content_encoding = "br".into();
    big.chunk = vec![1];
    assert!(matches!(store(&c, big), Err(AssetError::UnsupportedEncoding(_))));
    let mut bad_type = chunk("/t.txt", 0, b"x");
    bad_type.content_type = "nonsense".into();
    assert!(matches!(store(&c, bad_type), Err(AssetError::InvalidContentType(_))));
    assert_eq!(repository::staged_len(), 0);
}
