use crate::services::access::{ingress_refusal, SIGNER_ONLY};
use candid::Principal;

#[test]
fn the_did_file_and_the_ingress_rules_match_the_code() {
    let (exported, ingress) = (crate::candid_interface(), crate::endpoints::lifecycle::INGRESS);
    canister_kit::did_check::assert_interface(&exported, env!("CARGO_MANIFEST_DIR"), "multisig.did", ingress);
}

#[test]
fn ingress_to_signer_methods_from_non_signers_is_refused_before_it_runs() {
    let methods: Vec<&str> = crate::endpoints::lifecycle::INGRESS.iter().map(|r| r.method).collect();
    for m in SIGNER_ONLY {
        assert!(methods.contains(m), "{m} has no ingress rule");
        assert!(ingress_refusal(m, Principal::anonymous()).is_some(), "{m} from anonymous");
        assert!(ingress_refusal(m, Principal::from_slice(&[7; 10])).is_some(), "{m} from a stranger");
    }
    for m in ["get_wallet", "get_proposal", "list_proposals", "get_history", "get_address_book"] {
        assert_eq!(ingress_refusal(m, Principal::anonymous()), None, "{m} checks its caller itself");
    }
}
