use crate::services::admin;
use icto_shared::factory::FactoryInitArgs;

#[ic_cdk::init]
fn init(args: FactoryInitArgs) {
    if let Err(e) = admin::init(args) {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
}

/// State lives in stable memory; an upgrade needs no argument.
#[ic_cdk::post_upgrade]
fn post_upgrade() {}
