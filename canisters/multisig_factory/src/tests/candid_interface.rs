#[test]
fn the_did_file_and_the_ingress_rules_match_the_code() {
    let (exported, ingress) = (crate::candid_interface(), crate::endpoints::lifecycle::INGRESS);
    canister_kit::did_check::assert_interface(&exported, env!("CARGO_MANIFEST_DIR"), "multisig_factory.did", ingress);
}

/// The bound on `create_wallet` takes the largest valid wallet request (`test_kit::wallets::largest_config`).
#[test]
fn the_largest_wallet_request_fits_its_ingress_bound() {
    use candid::Encode;
    let args = icto_shared::multisig_factory::CreateWalletArgs { creator: super::services::p(3), config: test_kit::wallets::largest_config() };
    let bytes = Encode!(&args).unwrap();
    assert_eq!(canister_kit::inspect::check(crate::endpoints::lifecycle::INGRESS, "create_wallet", &bytes), Ok(()), "{} bytes", bytes.len());
    let mut too_large = bytes.clone();
    too_large.resize(65 * 1024, 0);
    assert!(canister_kit::inspect::check(crate::endpoints::lifecycle::INGRESS, "create_wallet", &too_large).is_err());
}
