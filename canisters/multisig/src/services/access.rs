//! Who may do what: signers propose, vote, execute and keep the token list and address book; members,
//! the creator and the factory read; nobody else (also not the anonymous principal). Always decided by
//! `msg_caller` (the `CallContext`), never by a principal in an argument.

use crate::models::wallet::Wallet;
use crate::repositories::members;
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::multisig::{Member, MemberRole, MultisigError};

/// Methods only a current signer may call.
pub const SIGNER_ONLY: &[&str] = &[
    "propose",
    "approve",
    "reject",
    "execute",
    "cancel",
    "add_token",
    "remove_token",
    "set_address_book_entry",
    "remove_address_book_entry",
];

pub fn require_signer(ctx: &CallContext) -> Result<Member, MultisigError> {
    match members::get(&ctx.caller) {
        Some(m) if m.role == MemberRole::Signer => Ok(m),
        _ => Err(MultisigError::Unauthorized),
    }
}

/// Reads: any member, the creator (the wallet's owner) and the factory.
pub fn require_reader(ctx: &CallContext, wallet: &Wallet) -> Result<(), MultisigError> {
    if ctx.caller == wallet.factory || ctx.caller == wallet.creator || members::get(&ctx.caller).is_some() {
        Ok(())
    } else {
        Err(MultisigError::Unauthorized)
    }
}

/// Why ingress to `method` from `caller` is refused before it runs, if it is (the argument is checked by
/// the kit's rules after this). Reads are checked by the methods themselves (queries skip this filter).
pub fn ingress_refusal(method: &str, caller: Principal) -> Option<String> {
    if SIGNER_ONLY.contains(&method) && !members::is_signer(&caller) {
        return Some(format!("only the wallet's signers may call {method}"));
    }
    None
}
