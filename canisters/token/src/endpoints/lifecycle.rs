use crate::services::{block_writer, lifecycle};
use icto_shared::token::LedgerArg;

#[ic_cdk::init]
fn init(arg: LedgerArg) {
    lifecycle::warm_heap();
    let result = match arg {
        LedgerArg::Init(args) => lifecycle::init(ic_cdk::api::time(), args),
        LedgerArg::Upgrade(_) => Err("install needs LedgerArg::Init".to_string()),
    };
    // Trapping here fails the install, leaving no canister state behind.
    if let Err(e) = result {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
    block_writer::certify_tip();
}

#[ic_cdk::post_upgrade]
fn post_upgrade(arg: Option<LedgerArg>) {
    lifecycle::migrate_storage();
    lifecycle::warm_heap();
    let result = match arg {
        None | Some(LedgerArg::Upgrade(None)) => Ok(()),
        Some(LedgerArg::Upgrade(Some(args))) => lifecycle::upgrade(args),
        Some(LedgerArg::Init(_)) => Err("upgrade needs LedgerArg::Upgrade".to_string()),
    };
    // Trapping here fails the upgrade and keeps the previous code and state.
    if let Err(e) = result {
        ic_cdk::trap(format!("invalid upgrade argument: {e}"));
    }
    block_writer::certify_tip();
}
