#[test]
fn did_file_matches_the_code() {
    canister_kit::did_check::assert_did_matches(&crate::candid_interface(), env!("CARGO_MANIFEST_DIR"), "token.did");
}
