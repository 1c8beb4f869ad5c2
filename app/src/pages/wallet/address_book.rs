//! The wallet's address book: names for accounts the team pays often (signers edit it; everyone reads it).
use icto_shared::multisig::{limits, AddressBookEntry, MemberRole};
use icto_shared::token::Account;
use leptos::prelude::*;

use super::proposal_form::parse_account;
use super::WalletView;
use crate::format::short_principal;
use crate::ic::multisig;
use crate::state::AppState;

/// An account as the proposal form reads it back (`principal` or `principal.subaccount-hex`).
pub fn account_text(a: &Account) -> String {
    match a.subaccount.filter(|s| *s != [0; 32]) {
        Some(s) => format!("{}.{}", a.owner, hex::encode(s)),
        None => a.owner.to_text(),
    }
}

#[component]
pub fn AddressBook(view: WalletView, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let signer = view.role() == Some(MemberRole::Signer);
    let name = RwSignal::new(String::new());
    let account = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let wallet = view.id;
    let words = StoredValue::new(view.clone());
    let call = move |entry: Result<AddressBookEntry, Account>| {
        let state = state.clone();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let answer = match state.agent() {
                Ok(c) => {
                    let client = multisig::wallet(c, wallet);
                    match entry {
                        Ok(e) => multisig::set_address_book_entry(&client, e).await,
                        Err(a) => multisig::remove_address_book_entry(&client, a).await,
                    }
                }
                Err(e) => Err(e),
            };
            busy.set(false);
            match answer {
                Ok(Ok(_)) => {
                    name.set(String::new());
                    account.set(String::new());
                    refresh.update(|n| *n += 1);
                }
                Ok(Err(e)) => error.set(Some(words.with_value(|v| v.error_words(&e)))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let add = {
        let call = call.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let text = name.get_untracked().trim().to_string();
            if text.is_empty() || text.chars().count() > limits::MEMBER_NAME_MAX_CHARS {
                return error.set(Some(format!("The name must be 1 to {} characters.", limits::MEMBER_NAME_MAX_CHARS)));
            }
            match parse_account(&account.get_untracked()) {
                Ok(a) => call(Ok(AddressBookEntry { name: text, account: a })),
                Err(e) => error.set(Some(e)),
            }
        }
    };
    let entries = view.book.clone();
    let empty = entries.is_empty();
    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200 space-y-2" aria-labelledby="wallet-book-heading" data-testid="wallet-address-book">
            <h2 class="font-semibold" id="wallet-book-heading">"Address book"</h2>
            {empty.then(|| view! { <p class="text-sm text-slate-700">{if signer { "No entries yet: name the accounts you pay often, then pick them in a transfer." } else { "No entries yet." }}</p> })}
            <ul class="divide-y text-sm">
                {entries.into_iter().map(|e| {
                    let call = call.clone();
                    let a = e.account.clone();
                    view! {
                        <li class="py-1 flex flex-wrap gap-x-3 items-center" data-testid="address-entry">
                            <span class="font-medium">{e.name.clone()}</span>
                            <span class="font-mono text-slate-700" title=account_text(&e.account)>{short_principal(&account_text(&e.account))}</span>
                            {signer.then(|| view! {
                                <button type="button" class="px-2 py-0.5 rounded border text-xs" aria-label=format!("Remove {} from the address book", e.name)
                                    disabled=move || busy.get() on:click=move |_| call(Err(a.clone()))>"Remove"</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {signer.then(|| view! {
                <form class="grid grid-cols-1 sm:grid-cols-[1fr_2fr_auto] gap-2 items-end" on:submit=add novalidate=true>
                    <div><label class="block text-xs text-slate-600" for="book-name">"Name"</label>
                        <input id="book-name" class="w-full border rounded px-2 py-1 text-sm" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></div>
                    <div><label class="block text-xs text-slate-600" for="book-account">"Principal or account"</label>
                        <input id="book-account" class="w-full border rounded px-2 py-1 text-sm font-mono" prop:value=move || account.get() on:input=move |ev| account.set(event_target_value(&ev))/></div>
                    <button type="submit" class="px-3 py-1 rounded border text-sm disabled:opacity-50" disabled=move || busy.get()>"Add"</button>
                </form>
            })}
            <p class="text-sm text-red-700" role="alert">{move || error.get()}</p>
        </section>
    }
}
