//! The asset canister as DFINITY publishes it: all endpoints come from `ic-certified-assets`
//! (`export_canister_methods!`); this file only wires the lifecycle hooks, as the upstream
//! frontend canister does.
use ic_certified_assets::types::AssetCanisterArgs;

#[ic_cdk::init]
fn init(args: Option<AssetCanisterArgs>) {
    ic_certified_assets::init(args);
}

#[ic_cdk::pre_upgrade]
fn pre_upgrade() {
    ic_cdk::storage::stable_save((ic_certified_assets::pre_upgrade(),)).expect("failed to save the asset state");
}

#[ic_cdk::post_upgrade]
fn post_upgrade(args: Option<AssetCanisterArgs>) {
    let (state,): (ic_certified_assets::StableState,) =
        ic_cdk::storage::stable_restore().expect("failed to restore the asset state");
    ic_certified_assets::post_upgrade(state, args);
}

ic_certified_assets::export_canister_methods!();
