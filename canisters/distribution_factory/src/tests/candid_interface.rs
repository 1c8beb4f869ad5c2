#[test]
fn the_did_file_and_the_ingress_rules_match_the_code() {
    let (exported, ingress) = (crate::candid_interface(), crate::endpoints::lifecycle::INGRESS);
    canister_kit::did_check::assert_interface(&exported, env!("CARGO_MANIFEST_DIR"), "distribution_factory.did", ingress);
}

/// The bound on `create_campaign` takes the largest request the backend may forward: 1,000 recipient
/// rows of the largest encoding (a 29-byte principal, a subaccount, an amount near u128::MAX).
#[test]
fn the_largest_campaign_request_fits_its_ingress_bound() {
    use candid::{Encode, Nat, Principal};
    use icto_shared::distribution::limits::MAX_CREATE_RECIPIENTS;
    use icto_shared::distribution::RecipientEntry;
    let mut args = super::services::create_args(vec![]);
    args.config.title = "T".repeat(100);
    args.config.recipients = (0..MAX_CREATE_RECIPIENTS as u32)
        .map(|i| {
            let mut owner = [7u8; 29];
            owner[..4].copy_from_slice(&i.to_be_bytes());
            RecipientEntry { owner: Principal::from_slice(&owner), subaccount: Some([9; 32]), category: 0, amount: Nat::from(u128::MAX) }
        })
        .collect();
    let bytes = Encode!(&args).unwrap();
    assert_eq!(canister_kit::inspect::check(crate::endpoints::lifecycle::INGRESS, "create_campaign", &bytes), Ok(()), "{} bytes", bytes.len());
    let mut too_many = bytes.clone();
    too_many.resize(257 * 1024, 0);
    assert!(canister_kit::inspect::check(crate::endpoints::lifecycle::INGRESS, "create_campaign", &too_many).is_err());
}
