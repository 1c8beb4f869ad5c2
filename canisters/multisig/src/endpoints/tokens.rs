use crate::services::tokens;
use canister_kit::{update, CallContext};
use candid::Principal;
use icto_shared::multisig::MultisigError;

/// A signer lists a ledger the wallet shows; returns the list.
#[update]
fn add_token(ledger: Principal) -> Result<Vec<Principal>, MultisigError> {
    tokens::add(&CallContext::current(), ledger)
}

#[update]
fn remove_token(ledger: Principal) -> Result<Vec<Principal>, MultisigError> {
    tokens::remove(&CallContext::current(), ledger)
}
