//! One token: its metadata, my balance, the transfer form and my transactions.
use candid::{Nat, Principal};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::browser::set_page_title;
use crate::components::transaction_history::TransactionHistory;
use crate::components::transfer_form::{TransferDraft, TransferForm};
use crate::format::format_amount;
use crate::ic::errors::readable_error;
use crate::ic::icrc::{self, TokenInfo};
use crate::state::AppState;

#[derive(Clone, Debug, PartialEq)]
pub struct TokenView {
    pub info: TokenInfo,
    pub balance: Option<Nat>,
}

async fn load(state: AppState, ledger: Result<Principal, String>, me: Option<Principal>) -> Result<TokenView, String> {
    let ledger = ledger?;
    let client = icrc::ledger(state.agent()?, ledger);
    let info = icrc::token_info(&client).await.map_err(|e| readable_error(&e))?;
    let balance = match me {
        Some(me) => Some(icrc::balance_of(&client, me).await.map_err(|e| readable_error(&e))?),
        None => None,
    };
    Ok(TokenView { info, balance })
}

#[component]
pub fn TokenDetail() -> impl IntoView {
    set_page_title("Token");
    let state = expect_context::<AppState>();
    let params = use_params_map();
    // Bumped after a transfer so the balance is read again.
    let refresh = RwSignal::new(0u32);
    // Lives here, not in the form: the form is rebuilt when the token is read again.
    let draft = TransferDraft::new();
    let token = LocalResource::new({
        let state = state.clone();
        move || {
            refresh.track();
            let ledger = params
                .read()
                .get("ledger")
                .ok_or_else(|| "no ledger in the address".to_string())
                .and_then(|text| {
                    Principal::from_text(&text)
                        .map_err(|_| format!("“{text}” is not a canister id. Check the address."))
                });
            let me = state.session.get().map(|s| s.principal());
            load(state.clone(), ledger, me)
        }
    });

    view! {
        <Suspense fallback=|| view! { <p class="text-slate-500">"Loading token…"</p> }>
            {move || token.get().map(|result| match result {
                Err(error) => {
                    set_page_title("Token not available");
                    view! {
                        <div class="space-y-3">
                            <h1 class="text-2xl font-semibold">"Token not available"</h1>
                            <p class="text-red-700" role="alert" data-testid="token-error">{error}</p>
                            <A href="/tokens" attr:class="text-indigo-700 underline" attr:data-testid="back-to-tokens">
                                "Back to the token list"
                            </A>
                        </div>
                    }.into_any()
                }
                Ok(view) => view! { <TokenCard view refresh draft/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn TokenCard(view: TokenView, refresh: RwSignal<u32>, draft: TransferDraft) -> impl IntoView {
    let info = view.info.clone();
    set_page_title(&format!("{} ({})", info.name, info.symbol));
    let decimals = info.decimals;
    let symbol = info.symbol.clone();
    let field = |label: &'static str, value: String, test_id: &'static str| {
        view! {
            <div>
                <dt class="text-xs uppercase text-slate-500">{label}</dt>
                <dd class="font-mono" data-testid=test_id>{value}</dd>
            </div>
        }
    };
    view! {
        <section class="space-y-6">
            <div class="flex items-center gap-4">
                {info.logo.clone().map(|src| view! { <img src=src alt="logo" class="w-12 h-12 rounded-full"/> })}
                <div>
                    <h1 class="text-2xl font-semibold" data-testid="token-name">{info.name.clone()}</h1>
                    <p class="font-mono text-xs text-slate-600 break-all">{info.ledger.to_text()}</p>
                </div>
            </div>
            <dl class="grid grid-cols-2 sm:grid-cols-4 gap-4 bg-white p-4 rounded-lg border border-slate-200">
                {field("Symbol", symbol.clone(), "token-symbol")}
                {field("Decimals", decimals.to_string(), "token-decimals")}
                {field("Total supply", format_amount(&info.total_supply, decimals), "token-supply")}
                {field("Transfer fee", format_amount(&info.fee, decimals), "token-fee")}
            </dl>
            {match view.balance.clone() {
                Some(balance) => view! {
                    <div class="bg-white p-4 rounded-lg border border-slate-200">
                        <p class="text-xs uppercase text-slate-500">"My balance"</p>
                        <p class="text-2xl font-mono" data-testid="balance">
                            {format!("{} {}", format_amount(&balance, decimals), symbol)}
                        </p>
                    </div>
                    <TransferForm info=info.clone() balance refresh draft/>
                    <TransactionHistory info=info.clone() refresh/>
                }.into_any(),
                None => view! { <p class="text-slate-600">"Log in to see your balance and send tokens."</p> }.into_any(),
            }}
        </section>
    }
}
