//! The token deploy wizard (`/deploy/token`): form (checked with the factory's rules as the person types),
//! review (what will be created, then the shared payment review: fee, balance, the payment ledger's consent
//! message for the approval), then the shared approval, `deploy` and progress (`components::paid_deploy`).
pub mod form;

use candid::Principal;
use icto_shared::backend::ContractRequest;
use icto_shared::contract::ContractType;
use icto_shared::token_factory::TokenConfig;
use leptos::prelude::*;

use crate::browser::set_page_title;
use crate::components::paid_deploy::ticket::{load_form, save_form};
use crate::components::paid_deploy::{Kind, Wizard, WizardShell};
use crate::format::format_amount;
use crate::state::AppState;
use form::{Field, TokenForm};

pub static KIND: Kind = Kind {
    contract_type: ContractType::Token,
    noun: "token",
    canister_name: "Ledger",
    page_prefix: "/tokens/",
    storage_key: "icto:deploy-token",
};

#[component]
pub fn DeployToken() -> impl IntoView {
    set_page_title("Deploy a token");
    let state = expect_context::<AppState>();
    view! {
        <section class="space-y-4 max-w-2xl">
            <h1 class="text-2xl font-semibold">"Deploy a token"</h1>
            {move || match state.session.get() {
                None => view! {
                    <p class="text-slate-700" data-testid="deploy-login">"Log in to deploy a token: it is paid from your account and created for you."</p>
                }.into_any(),
                Some(session) => view! { <TokenWizard me=session.principal()/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TokenWizard(me: Principal) -> impl IntoView {
    let wizard = Wizard::new(&KIND);
    let form = RwSignal::new(load_form::<TokenForm>(KIND.storage_key).unwrap_or_else(TokenForm::new));
    let set_form = move |update: &dyn Fn(&mut TokenForm)| {
        form.update(|f| update(f));
        form.with_untracked(|f| save_form(KIND.storage_key, f));
    };
    let field_error = move |field: Field| {
        let form = form.get();
        let typed = match field {
            Field::Name => !form.name.is_empty(),
            Field::Symbol => !form.symbol.is_empty(),
            Field::Decimals | Field::TransferFee => true,
            Field::Supply => !form.supply.is_empty(),
            Field::Description => !form.description.is_empty(),
            Field::Website => !form.website.is_empty(),
        };
        (typed || wizard.submitted.get()).then(|| form.field_error(field, me)).flatten()
    };
    let on_review = move |_| {
        wizard.submit();
        match form.with_untracked(|f| f.to_config(me)) {
            Ok(config) => {
                let summary = config.clone();
                wizard.review(me, ContractRequest::Token(config), None, ViewFn::from(move || view! { <TokenSummary config=summary.clone()/> }));
            }
            Err((_, message)) => wizard.error.set(Some(format!("Check the form: {message}"))),
        }
    };
    let on_restart = Callback::new(move |_| {
        form.set(TokenForm::new());
        save_form(KIND.storage_key, &TokenForm::new());
    });
    view! {
        <WizardShell wizard first="Token" on_restart
            progress_title=Signal::derive(move || format!("Deploying {}", form.with(|f| f.symbol.clone())))
            form=ViewFn::from(move || view! {
                <TokenFormView form set_form=Callback::new(move |f: Box<dyn Fn(&mut TokenForm) + Send + Sync>| set_form(&*f))
                    field_error=Callback::new(field_error) busy=wizard.busy on_review=Callback::new(on_review)/>
            })/>
    }
}

/// What will be created: the token as configured.
#[component]
fn TokenSummary(config: TokenConfig) -> impl IntoView {
    let c = &config;
    let supply = icto_shared::token_config::initial_supply(c);
    view! {
        <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt class="text-slate-600">"Token"</dt><dd data-testid="review-token">{format!("{} ({})", c.name.trim(), c.symbol)}</dd>
            <dt class="text-slate-600">"Decimals"</dt><dd>{c.decimals}</dd>
            <dt class="text-slate-600">"Initial supply"</dt><dd>{format!("{} {} to you", format_amount(&supply, c.decimals), c.symbol)}</dd>
            <dt class="text-slate-600">"Transfer fee"</dt><dd>{format!("{} {}", format_amount(&c.transfer_fee, c.decimals), c.symbol)}</dd>
            <dt class="text-slate-600">"Supply"</dt><dd>{if c.fixed_supply == Some(true) { "fixed" } else { "you may mint more" }}</dd>
        </dl>
    }
}

#[component]
fn TokenFormView(
    form: RwSignal<TokenForm>,
    set_form: Callback<Box<dyn Fn(&mut TokenForm) + Send + Sync>>,
    field_error: Callback<Field, Option<String>>,
    busy: RwSignal<bool>,
    on_review: Callback<()>,
) -> impl IntoView {
    let text_field = move |field: Field, label: &'static str, id: &'static str, hint: &'static str,
                           get: fn(&TokenForm) -> String, put: fn(&mut TokenForm, String)| {
        let error = move || field_error.run(field);
        let error_id = format!("{id}-error");
        view! {
            <div>
                <label class="block text-sm font-medium" for=id>{label}</label>
                <input id=id class="mt-1 w-full border rounded px-2 py-1 text-sm" data-testid=id
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby=error_id.clone()
                    prop:value=move || form.with(get)
                    on:input=move |ev| { let v = event_target_value(&ev); set_form.run(Box::new(move |f| put(f, v.clone()))) }/>
                <p class="text-xs text-slate-500">{hint}</p>
                <p id=error_id class="text-sm text-red-700" role="alert" data-testid=format!("{id}-error")>{error}</p>
            </div>
        }
    };
    view! {
        <form class="bg-white p-4 rounded-lg border border-slate-200 space-y-3"
            on:submit=move |ev| { ev.prevent_default(); on_review.run(()) }>
            {text_field(Field::Name, "Name", "token-name", "What wallets show, e.g. Alice Coin.", |f| f.name.clone(), |f, v| f.name = v)}
            {text_field(Field::Symbol, "Symbol", "token-symbol", "Letters and digits, e.g. ALC.", |f| f.symbol.clone(), |f, v| f.symbol = v)}
            <div class="grid sm:grid-cols-2 gap-3">
                {text_field(Field::Decimals, "Decimals", "token-decimals", "Digits after the point.", |f| f.decimals.clone(), |f, v| f.decimals = v)}
                {text_field(Field::TransferFee, "Transfer fee", "token-fee", "Paid in the new token on each transfer.", |f| f.transfer_fee.clone(), |f, v| f.transfer_fee = v)}
            </div>
            {text_field(Field::Supply, "Initial supply (to you)", "token-supply", "Minted to your account at creation.", |f| f.supply.clone(), |f, v| f.supply = v)}
            <label class="flex gap-2 items-center text-sm">
                <input type="checkbox" data-testid="token-fixed-supply" prop:checked=move || form.with(|f| f.fixed_supply)
                    on:change=move |ev| { let v = event_target_checked(&ev); set_form.run(Box::new(move |f| f.fixed_supply = v)) }/>
                "Fixed supply (no more can ever be minted)"
            </label>
            {text_field(Field::Description, "Description (optional)", "token-description", "", |f| f.description.clone(), |f, v| f.description = v)}
            {text_field(Field::Website, "Website (optional)", "token-website", "An https:// address.", |f| f.website.clone(), |f, v| f.website = v)}
            <button type="submit" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50"
                disabled=move || busy.get() data-testid="deploy-review">
                {move || if busy.get() { "Reading the fee and your balance…" } else { "Review" }}</button>
        </form>
    }
}

