//! The token list: the payment token, the tokens I own (from the factory) and the public list.
use candid::Principal;
use icto_shared::token_factory::TokenRecord;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::performance_mark;
use crate::ic::agent::Client;
use crate::ic::{factory, icrc};
use crate::state::AppState;

#[derive(Clone, Debug, PartialEq)]
struct TokenRow {
    ledger: Principal,
    name: String,
    symbol: String,
    mine: bool,
    note: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
struct TokenListing {
    /// Whose list this is ("mine" marks): the logged-in user when it was read, `None` when logged out.
    viewer: Option<Principal>,
    rows: Vec<TokenRow>,
    /// The factory could not be read; the payment token is still listed.
    factory_error: Option<String>,
}

fn row(record: &TokenRecord, mine: bool) -> TokenRow {
    TokenRow { ledger: record.canister_id, name: record.name.clone(), symbol: record.symbol.clone(), mine, note: None }
}

/// One parallel round: the payment ledger, my tokens and the public list are read at the same time.
async fn load(state: AppState, me: Option<Principal>) -> Result<TokenListing, String> {
    let connection = state.agent()?;
    let ids = &state.network.config.canisters;
    let payment_client = icrc::ledger(connection.clone(), ids.payment_ledger);
    let factory_client = Client::new(connection, ids.token_factory);
    let mine = async {
        match me {
            Some(me) => factory::my_tokens(&factory_client, me).await.map(Some),
            None => Ok(None),
        }
    };
    let (payment, mine, public) =
        futures::join!(icrc::token_info(&payment_client), mine, factory::public_tokens(&factory_client));
    let payment = payment?;
    let mut rows = vec![TokenRow {
        ledger: ids.payment_ledger,
        name: payment.name,
        symbol: payment.symbol,
        mine: false,
        note: Some("pays platform fees"),
    }];
    let mut factory_error = None;
    match mine {
        Ok(Some(page)) => rows.extend(page.items.iter().map(|r| row(r, true))),
        Ok(None) => {}
        Err(e) => factory_error = Some(e),
    }
    match public {
        Ok(page) => {
            for record in &page.items {
                if !rows.iter().any(|r| r.ledger == record.canister_id) {
                    rows.push(row(record, me == Some(record.owner)));
                }
            }
        }
        Err(e) => factory_error = Some(e),
    }
    Ok(TokenListing { viewer: me, rows, factory_error })
}

#[component]
pub fn TokenList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let listing = LocalResource::new({
        let state = state.clone();
        move || {
            let me = state.session.get().map(|s| s.principal());
            load(state.clone(), me)
        }
    });
    Effect::new(move |_| {
        if matches!(listing.get(), Some(Ok(_))) {
            performance_mark("icto:tokens-rendered");
        }
    });

    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">"Tokens"</h1>
            <Suspense fallback=|| view! { <p class="text-slate-500">"Loading tokens…"</p> }>
                {move || listing.get().map(|result| match result {
                    Err(error) => view! { <p class="text-red-700" data-testid="tokens-error">{error}</p> }.into_any(),
                    Ok(listing) => view! { <TokenTable listing/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TokenTable(listing: TokenListing) -> impl IntoView {
    // Tests wait for the list read for the logged-in user before they check its "mine" marks.
    let viewer = listing.viewer.map(|p| p.to_text()).unwrap_or_else(|| "anonymous".to_string());
    view! {
        {listing.factory_error.map(|e| view! {
            <p class="text-amber-700 text-sm">"Token factory unavailable: "{e}</p>
        })}
        <table class="w-full bg-white rounded-lg border border-slate-200 text-sm" data-testid="token-list"
            data-viewer=viewer>
            <thead class="text-left text-slate-500">
                <tr><th class="p-3">"Token"</th><th class="p-3">"Symbol"</th><th class="p-3">"Ledger"</th><th class="p-3"></th></tr>
            </thead>
            <tbody>
                {listing.rows.into_iter().map(|row| {
                    let href = format!("/tokens/{}", row.ledger.to_text());
                    view! {
                        <tr class="border-t border-slate-100" data-testid="token-row">
                            <td class="p-3"><A href=href attr:class="text-indigo-700 hover:underline">{row.name}</A></td>
                            <td class="p-3 font-mono">{row.symbol}</td>
                            <td class="p-3 font-mono text-xs text-slate-500">{row.ledger.to_text()}</td>
                            <td class="p-3 text-xs">
                                {row.mine.then(|| view! { <span class="px-2 py-0.5 rounded bg-indigo-100 text-indigo-800" data-testid="mine-badge">"mine"</span> })}
                                {row.note.map(|n| view! { <span class="text-slate-500">{n}</span> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
