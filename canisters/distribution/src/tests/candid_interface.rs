use crate::services::access::{ingress_refusal, CREATOR_ONLY, NOT_ANONYMOUS};
use candid::Principal;

#[test]
fn the_did_file_and_the_ingress_rules_match_the_code() {
    let (exported, ingress) = (crate::candid_interface(), crate::endpoints::lifecycle::INGRESS);
    canister_kit::did_check::assert_interface(&exported, env!("CARGO_MANIFEST_DIR"), "distribution.did", ingress);
}

#[test]
fn ingress_from_the_wrong_caller_is_refused_before_it_runs() {
    let creator = Principal::from_slice(&[1; 10]);
    let someone = Principal::from_slice(&[2; 10]);
    let methods: Vec<&str> = crate::endpoints::lifecycle::INGRESS.iter().map(|r| r.method).collect();
    for m in CREATOR_ONLY.iter().chain(NOT_ANONYMOUS) {
        assert!(methods.contains(m), "{m} has no ingress rule");
    }
    for m in CREATOR_ONLY {
        assert_eq!(ingress_refusal(m, creator, creator), None, "{m}");
        assert!(ingress_refusal(m, someone, creator).is_some(), "{m} from someone else");
        assert!(ingress_refusal(m, Principal::anonymous(), creator).is_some(), "{m} from anonymous");
    }
    assert_eq!(ingress_refusal("claim", someone, creator), None);
    assert!(ingress_refusal("claim", Principal::anonymous(), creator).is_some());
    for m in ["get_campaign", "get_my_allocation", "list_recipients", "get_claims"] {
        assert_eq!(ingress_refusal(m, Principal::anonymous(), creator), None, "{m} is public");
    }
}
