use crate::services::address_book;
use canister_kit::{query, update, CallContext};
use icto_shared::multisig::{AddressBookEntry, MultisigError};
use icto_shared::token::Account;

/// A signer adds an entry or renames an account's entry; returns the book.
#[update]
fn set_address_book_entry(entry: AddressBookEntry) -> Result<Vec<AddressBookEntry>, MultisigError> {
    address_book::set(&CallContext::current(), entry)
}

#[update]
fn remove_address_book_entry(account: Account) -> Result<Vec<AddressBookEntry>, MultisigError> {
    address_book::remove(&CallContext::current(), account)
}

#[query]
fn get_address_book() -> Result<Vec<AddressBookEntry>, MultisigError> {
    address_book::list(&CallContext::current())
}
