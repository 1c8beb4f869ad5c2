#[test]
fn the_did_file_and_the_ingress_rules_match_the_code() {
    let (exported, ingress) = (crate::candid_interface(), crate::endpoints::lifecycle::INGRESS);
    canister_kit::did_check::assert_interface(&exported, env!("CARGO_MANIFEST_DIR"), "backend.did", ingress);
}

/// The bound on `deploy` takes the largest campaign request: 1,000 recipient rows and 1,000 whitelisted
/// principals of the largest encoding (29-byte principals, subaccounts, amounts near u128::MAX), ten
/// categories of custom schedules of the most unlocks with the largest weights.
#[test]
fn the_largest_campaign_request_fits_the_deploy_ingress_bound() {
    use candid::{Encode, Nat, Principal};
    use icto_shared::backend::{ContractRequest, DeployRequest};
    use icto_shared::distribution::limits::{MAX_CATEGORIES, MAX_CREATE_RECIPIENTS};
    use icto_shared::distribution::{CampaignConfig, Category, RecipientEntry, Registration};
    use icto_shared::vesting::limits::{MAX_DURATION_SECONDS, MAX_UNLOCKS, MAX_WEIGHT_SUM};
    use icto_shared::vesting::{Unlock, VestingSchedule, VestingShape};
    let principal = |i: u32| {
        let mut p = [7u8; 29];
        p[..4].copy_from_slice(&i.to_be_bytes());
        Principal::from_slice(&p)
    };
    let unlocks = (0..MAX_UNLOCKS as u64)
        .map(|i| Unlock { after_seconds: MAX_DURATION_SECONDS - 520 + i, weight: Nat::from(MAX_WEIGHT_SUM / MAX_UNLOCKS as u128) })
        .collect();
    let schedule = VestingSchedule { start_nanos: u64::MAX / 2, initial_unlock_bps: 0, shape: VestingShape::Custom(unlocks) };
    let config = CampaignConfig {
        token_ledger: principal(u32::MAX),
        title: "T".repeat(100),
        categories: vec![Category { name: "C".repeat(50), schedule }; MAX_CATEGORIES],
        recipients: (0..MAX_CREATE_RECIPIENTS as u32)
            .map(|i| RecipientEntry { owner: principal(i), subaccount: Some([9; 32]), category: 0, amount: Nat::from(u128::MAX) })
            .collect(),
        allow_pause: true,
        allow_cancel: true,
        registration: Some(Registration {
            opens_at: u64::MAX - 1,
            closes_at: u64::MAX,
            max_registrants: 1,
            category: 0,
            amount: Nat::from(u128::MAX),
            whitelist_only: true,
            whitelist: (0..MAX_CREATE_RECIPIENTS as u32).map(|i| principal(i + 1_000_000)).collect(),
        }),
    };
    // Valid but for the total of the amounts (each row is the largest amount).
    assert_eq!(config.validate(principal(1)).map_err(|e| e.to_string()), Err("AmountTooLarge { row: 1 }".into()));
    let request = DeployRequest { request_key: "k".repeat(64), contract: ContractRequest::Distribution(config) };
    let bytes = Encode!(&request).unwrap();
    let rules = crate::endpoints::lifecycle::INGRESS;
    assert_eq!(canister_kit::inspect::check(rules, "deploy", &bytes), Ok(()), "{} bytes", bytes.len());
}

/// The bound on `deploy` takes the largest valid wallet request (50 signers and 100 observers with
/// 40-character names, 20 tokens: `test_kit::wallets::largest_config`).
#[test]
fn the_largest_wallet_request_fits_the_deploy_ingress_bound() {
    use candid::Encode;
    use icto_shared::backend::{ContractRequest, DeployRequest};
    let request = DeployRequest { request_key: "k".repeat(64), contract: ContractRequest::Multisig(test_kit::wallets::largest_config()) };
    let bytes = Encode!(&request).unwrap();
    assert_eq!(canister_kit::inspect::check(crate::endpoints::lifecycle::INGRESS, "deploy", &bytes), Ok(()), "{} bytes", bytes.len());
}
