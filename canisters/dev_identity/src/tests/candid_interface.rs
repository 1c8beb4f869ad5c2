#[test]
fn the_did_file_and_the_ingress_rules_match_the_code() {
    let (exported, ingress) = (crate::candid_interface(), crate::endpoints::lifecycle::INGRESS);
    canister_kit::did_check::assert_interface(&exported, env!("CARGO_MANIFEST_DIR"), "dev_identity.did", ingress);
}
