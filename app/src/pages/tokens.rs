//! The token list: the payment token, the tokens I own (from the factory) and the public list, with my
//! balance in each when logged in.
use candid::Principal;
use icto_shared::token_factory::TokenRecord;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::{performance_mark, set_page_title};
use crate::format::format_amount;
use crate::ic::errors::readable_error;
use crate::ic::agent::Client;
use crate::ic::{factory, icrc};
use crate::state::AppState;

#[derive(Clone, Debug, PartialEq)]
struct TokenRow {
    ledger: Principal,
    name: String,
    symbol: String,
    decimals: u8,
    mine: bool,
    note: Option<&'static str>,
    /// My balance, formatted with the symbol; `None` when logged out or when it could not be read.
    balance: Option<String>,
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
    TokenRow {
        ledger: record.canister_id,
        name: record.name.clone(),
        symbol: record.symbol.clone(),
        decimals: record.decimals,
        mine,
        note: None,
        balance: None,
    }
}

/// One parallel round: the payment ledger, my tokens and the public list are read at the same time.
async fn load(state: AppState, me: Option<Principal>) -> Result<TokenListing, String> {
    let connection = state.agent()?;
    let balance_connection = connection.clone();
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
        decimals: payment.decimals,
        mine: false,
        note: Some("pays platform fees"),
        balance: None,
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
    // A second round, in parallel: my balance on every listed ledger. One unreadable ledger leaves its cell empty.
    if let Some(me) = me {
        let balances = futures::future::join_all(
            rows.iter().map(|r| {
                let client = icrc::ledger(balance_connection.clone(), r.ledger);
                async move { icrc::balance_of(&client, me).await }
            }),
        )
        .await;
        for (row, balance) in rows.iter_mut().zip(balances) {
            row.balance = balance.ok().map(|b| format!("{} {}", format_amount(&b, row.decimals), row.symbol));
        }
    }
    Ok(TokenListing { viewer: me, rows, factory_error })
}

#[component]
pub fn TokenList() -> impl IntoView {
    set_page_title("Tokens");
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
                    Err(error) => view! {
                        <p class="text-red-700" role="alert" data-testid="tokens-error">{readable_error(&error)}</p>
                    }.into_any(),
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
    let logged_in = listing.viewer.is_some();
    view! {
        {listing.factory_error.map(|e| view! {
            <p class="text-amber-800 text-sm" role="alert">"Token factory unavailable: "{readable_error(&e)}</p>
        })}
        <table class="w-full bg-white rounded-lg border border-slate-200 text-sm" data-testid="token-list"
            data-viewer=viewer>
            <thead class="text-left text-slate-500">
                <tr>
                    <th class="p-3">"Token"</th><th class="p-3">"Symbol"</th>
                    {logged_in.then(|| view! { <th class="p-3">"My balance"</th> })}
                    <th class="p-3 hidden sm:table-cell">"Ledger"</th><th class="p-3"></th>
                </tr>
            </thead>
            <tbody>
                {listing.rows.into_iter().map(|row| {
                    let href = format!("/tokens/{}", row.ledger.to_text());
                    view! {
                        <tr class="border-t border-slate-100" data-testid="token-row">
                            <td class="p-3"><A href=href attr:class="text-indigo-700 hover:underline">{row.name}</A></td>
                            <td class="p-3 font-mono">{row.symbol}</td>
                            {logged_in.then(|| view! {
                                <td class="p-3 font-mono" data-testid="token-balance">{row.balance.unwrap_or_else(|| "—".into())}</td>
                            })}
                            <td class="p-3 font-mono text-xs text-slate-600 hidden sm:table-cell break-all" data-testid="token-ledger">
                                {row.ledger.to_text()}
                            </td>
                            <td class="p-3 text-xs">
                                {row.mine.then(|| view! { <span class="px-2 py-0.5 rounded bg-indigo-100 text-indigo-800" data-testid="mine-badge">"mine"</span> })}
                                {row.note.map(|n| view! { <span class="text-slate-600">{n}</span> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
