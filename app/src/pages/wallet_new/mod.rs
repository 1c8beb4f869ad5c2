//! The wallet wizard (`/wallets/new`): name, description, signers (me first), observers, threshold (with its
//! "2 of 3" wording), tracked tokens and their daily limits, checked with the wallet's own rules as the
//! person types; then the review and the shared paid deployment (`components::paid_deploy::WizardShell`).
pub mod form;
mod members_editor;
mod tokens_editor;

use candid::Principal;
use icto_shared::backend::ContractRequest;
use icto_shared::contract::ContractType;
use icto_shared::multisig::WalletConfig;
use leptos::prelude::*;

use crate::browser::set_page_title;
use crate::components::paid_deploy::ticket::{load_form, save_form};
use crate::components::paid_deploy::{Kind, Wizard, WizardShell};
use crate::format::{format_amount, short_principal};
use crate::ic::icrc::{self, TokenInfo};
use crate::state::AppState;
use form::{check, threshold_words, WalletForm};
use members_editor::MembersEditor;
use tokens_editor::TokensEditor;

pub static KIND: Kind = Kind {
    contract_type: ContractType::Multisig,
    noun: "wallet",
    canister_name: "Wallet",
    page_prefix: "/wallets/",
    storage_key: "icto:deploy-wallet",
};

/// Edits the form in place (and keeps it for a reload).
pub type Edit = Callback<Box<dyn Fn(&mut WalletForm) + Send + Sync>>;

#[component]
pub fn NewWallet() -> impl IntoView {
    set_page_title("New multisig wallet");
    let state = expect_context::<AppState>();
    view! {
        <section class="space-y-4 max-w-2xl">
            <h1 class="text-2xl font-semibold">"New multisig wallet"</h1>
            <p class="text-sm text-slate-600">"A wallet your team holds together: tokens leave it only when enough signers approve."</p>
            {move || match state.session.get() {
                None => view! {
                    <p class="text-slate-700" data-testid="deploy-login">"Log in to create a wallet: it is paid from your account and created for you."</p>
                }.into_any(),
                Some(session) => view! { <WalletWizard me=session.principal()/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn WalletWizard(me: Principal) -> impl IntoView {
    let state = expect_context::<AppState>();
    let payment_ledger = state.network.config.canisters.payment_ledger;
    let wizard = Wizard::new(&KIND);
    let fresh = move || WalletForm::new(me, payment_ledger);
    let form = RwSignal::new(load_form::<WalletForm>(KIND.storage_key).unwrap_or_else(fresh));
    let edit: Edit = Callback::new(move |update: Box<dyn Fn(&mut WalletForm) + Send + Sync>| {
        form.update(|f| update(f));
        form.with_untracked(|f| save_form(KIND.storage_key, f));
    });
    // The tracked tokens, read in parallel whenever the list of ledger ids changes.
    let ledgers = Memo::new(move |_| form.with(|f| f.ledgers()));
    let tokens = LocalResource::new(move || {
        let ids = ledgers.get();
        let state = state.clone();
        async move { read_tokens(&state, ids).await }
    });
    let token_of = move |ledger: Principal| -> Option<Result<TokenInfo, String>> {
        tokens.get().and_then(|list| list.into_iter().find(|(id, _)| *id == ledger).map(|(_, r)| r))
    };
    let checked = Memo::new(move |_| {
        form.with(|f| check(f, &|ledger| token_of(ledger).map(|r| r.map(|t| t.decimals))))
    });
    let shown = move |typed: bool, error: Option<String>| (typed || wizard.submitted.get()).then_some(error).flatten();

    let on_review = move || {
        wizard.submit();
        let Some(config) = checked.get_untracked().config else {
            return wizard.error.set(Some("Check the form: the problems are shown next to each part.".into()));
        };
        let infos: Vec<TokenInfo> = config.tokens.iter().filter_map(|l| token_of(*l).and_then(|r| r.ok())).collect();
        let summary = config.clone();
        wizard.review(me, ContractRequest::Multisig(config), None,
            ViewFn::from(move || view! { <WalletSummary config=summary.clone() tokens=infos.clone()/> }));
    };
    let on_restart = Callback::new(move |_| {
        form.set(fresh());
        save_form(KIND.storage_key, &fresh());
    });

    let form_view = move || {
        let name_error = move || shown(form.with(|f| !f.name.is_empty()), checked.get().name);
        let description_error = move || shown(true, checked.get().description);
        let threshold_error = move || shown(true, checked.get().threshold);
        view! {
            <form class="bg-white p-4 rounded-lg border border-slate-200 space-y-4" data-testid="wallet-form" novalidate=true
                on:submit=move |ev| { ev.prevent_default(); on_review() }>
                <div>
                    <label class="block text-sm font-medium" for="wallet-name">"Name"</label>
                    <input id="wallet-name" class="mt-1 w-full border rounded px-2 py-1 text-sm" data-testid="wallet-name"
                        aria-describedby="wallet-name-error" aria-invalid=move || name_error().is_some().to_string()
                        prop:value=move || form.with(|f| f.name.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |f| f.name = v.clone())) }/>
                    <p id="wallet-name-error" class="text-sm text-red-700" role="alert" data-testid="wallet-name-error">{name_error}</p>
                </div>
                <div>
                    <label class="block text-sm font-medium" for="wallet-description">"Description (optional)"</label>
                    <textarea id="wallet-description" rows="2" class="mt-1 w-full border rounded px-2 py-1 text-sm" data-testid="wallet-description"
                        aria-describedby="wallet-description-error"
                        prop:value=move || form.with(|f| f.description.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |f| f.description = v.clone())) }></textarea>
                    <p id="wallet-description-error" class="text-sm text-red-700" role="alert">{description_error}</p>
                </div>
                <MembersEditor role="signer" heading="Signers" hint="They propose and vote. You are listed first; remove yourself if you only pay."
                    rows=Signal::derive(move || form.with(|f| f.signers.clone()))
                    errors=Signal::derive(move || { let c = checked.get(); c.signers.into_iter().map(|e| shown(wizard.submitted.get(), e)).collect() })
                    me edit get=|f| &mut f.signers min=1/>
                <div>
                    <label class="block text-sm font-medium" for="wallet-threshold">"Approvals needed (threshold)"</label>
                    <input id="wallet-threshold" type="number" min="1" inputmode="numeric" class="mt-1 w-24 border rounded px-2 py-1 text-sm"
                        data-testid="wallet-threshold" aria-describedby="wallet-threshold-words wallet-threshold-error"
                        aria-invalid=move || threshold_error().is_some().to_string()
                        prop:value=move || form.with(|f| f.threshold.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |f| f.threshold = v.clone())) }/>
                    <p id="wallet-threshold-words" class="text-sm text-slate-700" aria-live="polite" data-testid="wallet-threshold-words">
                        {move || form.with(threshold_words)}</p>
                    <p id="wallet-threshold-error" class="text-sm text-red-700" role="alert" data-testid="wallet-threshold-error">{threshold_error}</p>
                </div>
                <MembersEditor role="observer" heading="Observers (optional)" hint="They see the wallet and its proposals; they never vote."
                    rows=Signal::derive(move || form.with(|f| f.observers.clone()))
                    errors=Signal::derive(move || { let c = checked.get(); c.observers.into_iter().map(|e| shown(true, e)).collect() })
                    me edit get=|f| &mut f.observers min=0/>
                <TokensEditor rows=Signal::derive(move || form.with(|f| f.tokens.clone()))
                    errors=Signal::derive(move || checked.get().tokens)
                    infos=Signal::derive(move || tokens.get().unwrap_or_default())
                    edit/>
                <p class="text-sm text-red-700" role="alert" data-testid="wallet-error">{move || shown(true, checked.get().wallet)}</p>
                <button type="submit" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50"
                    disabled=move || wizard.busy.get() data-testid="deploy-review">
                    {move || if wizard.busy.get() { "Reading the fee and your balance…" } else { "Review" }}</button>
            </form>
        }
    };
    view! {
        <WizardShell wizard first="Wallet" on_restart form=ViewFn::from(form_view)
            progress_title=Signal::derive(move || format!("Creating {}", form.with(|f| f.name.clone())))/>
    }
}

/// Every ledger's token, read at once.
async fn read_tokens(state: &AppState, ids: Vec<Principal>) -> Vec<(Principal, Result<TokenInfo, String>)> {
    let Ok(connection) = state.agent() else { return vec![] };
    futures::future::join_all(ids.into_iter().map(|id| {
        let client = icrc::ledger(connection.clone(), id);
        async move { (id, icrc::token_info(&client).await.map_err(|e| crate::ic::errors::readable_error(&e))) }
    }))
    .await
}

/// What will be created: the wallet as configured.
#[component]
fn WalletSummary(config: WalletConfig, tokens: Vec<TokenInfo>) -> impl IntoView {
    let c = &config;
    let member = |m: &icto_shared::multisig::MemberInit| {
        let who = short_principal(&m.principal.to_text());
        if m.name.is_empty() { who } else { format!("{} ({who})", m.name) }
    };
    let token_line = |ledger: &Principal| {
        let info = tokens.iter().find(|t| t.ledger == *ledger);
        let name = info.map(|t| t.symbol.clone()).unwrap_or_else(|| short_principal(&ledger.to_text()));
        let limit = c.spending_limits.iter().find(|l| l.ledger == *ledger).map(|l| match info {
            Some(t) => format!(", at most {} {} a day", format_amount(&l.daily_max, t.decimals), t.symbol),
            None => format!(", at most {} base units a day", l.daily_max),
        });
        format!("{name}{}", limit.unwrap_or_default())
    };
    view! {
        <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt class="text-slate-600">"Wallet"</dt><dd data-testid="review-wallet" class="break-words">{c.name.clone()}</dd>
            <dt class="text-slate-600">"Signers"</dt><dd>{c.signers.iter().map(member).collect::<Vec<_>>().join(", ")}</dd>
            <dt class="text-slate-600">"Approvals"</dt>
            <dd data-testid="review-threshold">{format!("{} of {} signers", c.threshold, c.signers.len())}</dd>
            <dt class="text-slate-600">"Observers"</dt>
            <dd>{if c.observers.is_empty() { "none".to_string() } else { c.observers.iter().map(member).collect::<Vec<_>>().join(", ") }}</dd>
            <dt class="text-slate-600">"Tokens shown"</dt><dd>{c.tokens.iter().map(token_line).collect::<Vec<_>>().join("; ")}</dd>
        </dl>
        <p class="text-xs text-slate-600">"A new canister is created for the wallet; you own it on the platform. It holds nothing until someone sends tokens to it."</p>
    }
}
