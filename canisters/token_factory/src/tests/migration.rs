//! The first layout's data (before the canister kit) is moved on upgrade: the template upload in
//! progress and the creator index.

use super::services::{p, record};
use crate::repositories::{legacy, settings, templates, tokens};
use crate::services::tokens as token_service;
use canister_kit::templates::UploadSession;
use sha2::{Digest, Sha256};

#[test]
fn the_first_layouts_upload_and_creator_index_move_into_the_kit() {
    // What the first layout left: three tokens of two owners, and half an upload of version 1.
    for (id, owner) in [(10, 1), (11, 2), (12, 1)] {
        tokens::insert_first_layout(record(id, owner));
        legacy::write_first_layout_owner(p(owner), p(id));
    }
    let module = b"a module in two halves".to_vec();
    legacy::write_first_layout_chunk(1, 0, module[..10].to_vec());
    settings::update(|s| {
        s.latest_template = None;
        s.upload = Some(UploadSession {
            version: 1,
            sha256: Sha256::digest(&module).to_vec(),
            total_size: module.len() as u64,
            label: "v1".into(),
            received: 10,
            chunks: 1,
            semver: None,
            release_notes: None,
        })
    });
    assert_eq!(token_service::by_owner(p(1), 0, 10).total, 0, "not indexed by owner yet");

    legacy::migrate();

    let ids = |owner| token_service::by_owner(p(owner), 0, 10).items.iter().map(|r| r.canister_id).collect::<Vec<_>>();
    assert_eq!(ids(1), vec![p(10), p(12)], "creation order kept");
    assert_eq!(ids(2), vec![p(11)]);
    assert_eq!(settings::with(|s| s.upload.clone()), None);
    // The upload goes on where it stopped.
    templates::with(|t| t.chunk(module[10..].to_vec())).unwrap();
    let info = templates::with(|t| t.commit(5)).unwrap();
    assert_eq!((info.version, info.size), (1, module.len() as u64));

    // A second run finds nothing to move.
    legacy::migrate();
    assert_eq!(ids(1), vec![p(10), p(12)]);
}
