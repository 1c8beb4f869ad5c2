//! The address book: named accounts signers keep for transfers (at most `MAX_ADDRESS_BOOK`, names 1 to 40
//! characters); members read it. An account (owner and effective subaccount) has one entry.

use crate::repositories::{address_book as store, wallet as wallet_repo};
use crate::services::{access, history};
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::multisig::limits::{MAX_ADDRESS_BOOK, MEMBER_NAME_MAX_CHARS};
use icto_shared::multisig::*;
use icto_shared::token::Account;

fn same_account(a: &Account, b: &Account) -> bool {
    a.owner == b.owner && a.effective_subaccount() == b.effective_subaccount()
}

/// Adds the entry, or renames the account's entry.
pub fn set(ctx: &CallContext, entry: AddressBookEntry) -> Result<Vec<AddressBookEntry>, MultisigError> {
    access::require_signer(ctx)?;
    check_chars("address name", &entry.name, 1, MEMBER_NAME_MAX_CHARS)?;
    if entry.account.owner == Principal::anonymous() {
        return Err(MultisigError::InvalidArgument("the anonymous principal cannot receive tokens".into()));
    }
    let mut book = store::all();
    let full = book.len() >= MAX_ADDRESS_BOOK;
    match book.iter_mut().find(|e| same_account(&e.account, &entry.account)) {
        Some(existing) => *existing = entry,
        None if full => {
            return Err(MultisigError::InvalidArgument(format!("the address book holds at most {MAX_ADDRESS_BOOK} entries")));
        }
        None => book.push(entry),
    }
    store::set(book.clone());
    history::record(ctx, HistoryEvent::AddressBookChanged);
    Ok(book)
}

pub fn remove(ctx: &CallContext, account: Account) -> Result<Vec<AddressBookEntry>, MultisigError> {
    access::require_signer(ctx)?;
    let mut book = store::all();
    let before = book.len();
    book.retain(|e| !same_account(&e.account, &account));
    if book.len() == before {
        return Err(MultisigError::InvalidArgument("no address book entry for that account".into()));
    }
    store::set(book.clone());
    history::record(ctx, HistoryEvent::AddressBookChanged);
    Ok(book)
}

pub fn list(ctx: &CallContext) -> Result<Vec<AddressBookEntry>, MultisigError> {
    access::require_reader(ctx, &wallet_repo::get())?;
    Ok(store::all())
}
