use candid_parser::utils::{service_equal, CandidSource};
use std::path::Path;

#[test]
fn did_file_matches_the_code() {
    let exported = crate::candid_interface();
    let did = Path::new(env!("CARGO_MANIFEST_DIR")).join("dev_identity.did");
    if std::env::var("WRITE_DID").is_ok() {
        std::fs::write(&did, &exported).unwrap();
    }
    service_equal(CandidSource::Text(&exported), CandidSource::File(&did))
        .unwrap_or_else(|e| panic!("dev_identity.did differs from the code:\n{e}\nexported:\n{exported}"));
}
