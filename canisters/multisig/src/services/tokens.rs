//! The tokens the wallet shows (the app reads balances from the ledgers): any signer adds or removes one
//! directly; at most `MAX_TOKENS`; a token with a daily limit stays until its limit is lifted.

use crate::repositories::wallet as repo;
use crate::services::{access, history};
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::multisig::limits::MAX_TOKENS;
use icto_shared::multisig::*;

pub fn add(ctx: &CallContext, ledger: Principal) -> Result<Vec<Principal>, MultisigError> {
    access::require_signer(ctx)?;
    let w = repo::get();
    if ledger == Principal::anonymous() || ledger == ctx.self_id {
        return Err(MultisigError::InvalidArgument("not a ledger".into()));
    }
    if w.tracks(&ledger) {
        return Err(MultisigError::InvalidArgument(format!("{ledger} is already listed")));
    }
    if w.tokens.len() >= MAX_TOKENS {
        return Err(MultisigError::InvalidArgument(format!("at most {MAX_TOKENS} tokens")));
    }
    let tokens = repo::update(|w| {
        w.tokens.push(ledger);
        w.tokens.clone()
    });
    history::record(ctx, HistoryEvent::TokenAdded { ledger });
    Ok(tokens)
}

pub fn remove(ctx: &CallContext, ledger: Principal) -> Result<Vec<Principal>, MultisigError> {
    access::require_signer(ctx)?;
    let w = repo::get();
    if !w.tracks(&ledger) {
        return Err(MultisigError::UnknownToken { ledger });
    }
    if w.limit_of(&ledger).is_some() {
        return Err(MultisigError::InvalidArgument("lift the token's daily limit (a proposal) before removing it".into()));
    }
    let tokens = repo::update(|w| {
        w.tokens.retain(|t| *t != ledger);
        w.tokens.clone()
    });
    history::record(ctx, HistoryEvent::TokenRemoved { ledger });
    Ok(tokens)
}
