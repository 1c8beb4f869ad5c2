use candid::Principal;

use icto_shared::dev_identity::DevIdentityError;
use crate::services::{salt, user_keys, users};

#[canister_kit::query]
fn users() -> Vec<String> {
    users::list()
}

/// Registers a test user (and, the first time, draws the salt user keys derive from).
#[canister_kit::update]
async fn add_user(name: String) -> Result<(), DevIdentityError> {
    users::validate_user(&name)?;
    salt::ensure().await?;
    users::register(&name, ic_cdk::api::time())
}

/// The principal `user` has in the app at `origin`.
#[canister_kit::query]
fn user_principal(user: String, origin: String) -> Result<Principal, DevIdentityError> {
    users::validate_user(&user)?;
    users::validate_origin(&origin)?;
    let seed = user_keys::seed(&salt::current()?, &user, &origin);
    Ok(user_keys::principal(ic_cdk::api::canister_self(), &seed))
}
