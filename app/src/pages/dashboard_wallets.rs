//! The dashboard's multisig wallets: those I sign and those I observe (the multisig factory's indexes, read
//! in the dashboard's one round), each linked to its page, with what to do when there are none.
use icto_shared::multisig_factory::{WalletPage, WalletRecord};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::pages::dashboard_campaigns::IndexList;

#[component]
pub fn Wallets(signing: Result<WalletPage, String>, observing: Result<WalletPage, String>) -> impl IntoView {
    view! {
        <section class="space-y-3">
            <div class="flex flex-wrap items-center gap-3">
                <h2 class="text-lg font-semibold">"Multisig wallets"</h2>
                <A href="/wallets/new" attr:class="ml-auto px-3 py-1 rounded bg-indigo-600 text-white text-sm"
                    attr:data-testid="dashboard-new-wallet">"Create a wallet"</A>
            </div>
            <div class="grid sm:grid-cols-2 gap-4">
                <WalletList heading="Wallets I sign" testid="wallets-signer" page=signing
                    empty=view! { "None yet. "<A href="/wallets/new" attr:class="underline text-indigo-700">"Create a wallet"</A>
                        " your team holds together, or ask a wallet's signers to add you." }.into_any()/>
                <WalletList heading="Wallets I observe" testid="wallets-observer" page=observing
                    empty=view! { "None yet: when a wallet's signers add you as an observer, it shows here and you can follow its proposals." }.into_any()/>
            </div>
        </section>
    }
}

#[component]
fn WalletList(heading: &'static str, testid: &'static str, page: Result<WalletPage, String>, empty: AnyView) -> impl IntoView {
    let page = page.map(|p| (p.items.into_iter().map(|w| item(w).into_any()).collect(), p.total));
    view! { <IndexList heading testid page empty/> }
}

fn item(w: WalletRecord) -> impl IntoView {
    view! {
        <li class="text-sm">
            <A href=format!("/wallets/{}", w.canister_id) attr:class="underline text-indigo-700 break-words"
                attr:data-testid="wallet-item">{w.name}</A>
            <span class="text-slate-600">{format!(" · {} of {} at creation", w.initial_threshold, w.initial_signers)}</span>
        </li>
    }
}
