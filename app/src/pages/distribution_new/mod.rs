//! The campaign wizard (`/distributions/new`): title, token, categories with their vesting (a live chart
//! each), recipients (pasted or CSV), options; checked with the contract's own rules as the person types;
//! then the review (fee, balance, what to fund) and the shared paid deployment (`components::paid_deploy`).
pub mod category_editor;
pub mod form;
pub mod recipients;
pub mod recipients_input;
pub mod registration;
pub mod registration_editor;
pub mod schedule_form;
pub mod summary;
pub mod token_picker;

use candid::Principal;
use icto_shared::backend::ContractRequest;
use icto_shared::contract::ContractType;
use icto_shared::distribution::limits;
use leptos::prelude::*;

use crate::browser::{local_time_nanos, now_nanos, set_page_title};
use crate::components::paid_deploy::ticket::{load_form, save_form};
use crate::components::paid_deploy::{Kind, Wizard, WizardShell};
use crate::ic::icrc;
use crate::ic::factory;
use crate::state::AppState;
use category_editor::CategoryEditor;
use form::{check, to_fund, CampaignForm, Checked};
use recipients_input::RecipientsInput;
use registration_editor::RegistrationEditor;
use schedule_form::CategoryForm;
use summary::CampaignSummary;
use token_picker::TokenPicker;

pub static KIND: Kind = Kind {
    contract_type: ContractType::Distribution,
    noun: "campaign",
    canister_name: "Campaign",
    page_prefix: "/distributions/",
    storage_key: "icto:deploy-campaign",
};

#[component]
pub fn NewCampaign() -> impl IntoView {
    set_page_title("New distribution campaign");
    let state = expect_context::<AppState>();
    view! {
        <section class="space-y-4 max-w-2xl">
            <h1 class="text-2xl font-semibold">"New distribution campaign"</h1>
            <p class="text-sm text-slate-600">"Send a token to many recipients, vesting over time: each claims what has vested."</p>
            {move || match state.session.get() {
                None => view! {
                    <p class="text-slate-700" data-testid="deploy-login">"Log in to create a campaign: it is paid from your account and created for you."</p>
                }.into_any(),
                Some(session) => view! { <Wizard me=session.principal()/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Wizard(me: Principal) -> impl IntoView {
    let state = expect_context::<AppState>();
    let payment_ledger = state.network.config.canisters.payment_ledger;
    let wizard = Wizard::new(&KIND);
    let form = RwSignal::new(load_form::<CampaignForm>(KIND.storage_key).unwrap_or_else(CampaignForm::new));
    let mine = LocalResource::new({
        let state = state.clone();
        move || {
            let state = state.clone();
            async move {
                let client = crate::ic::agent::Client::new(state.agent()?, state.network.config.canisters.token_factory);
                factory::my_tokens(&client, me).await
            }
        }
    });
    let ledger = Memo::new(move |_| form.with(|f| f.ledger(payment_ledger)).ok());
    let token = LocalResource::new({
        let state = state.clone();
        move || {
            let id = ledger.get();
            let state = state.clone();
            async move {
                let id = id?;
                let client = icrc::ledger(state.agent().ok()?, id);
                Some(icrc::token_info(&client).await.map_err(|e| crate::ic::errors::readable_error(&e)))
            }
        }
    });
    let token_info = Signal::derive(move || token.get().flatten().and_then(|r| r.ok()));
    let checked = Memo::new(move |_| {
        let info = token_info.get()?;
        let id = ledger.get()?;
        Some(form.with(|f| check(f, me, id, info.decimals, now_nanos(), &local_time_nanos)))
    });
    let Wizard { busy, error, submitted, .. } = wizard;

    let edit = move |update: Box<dyn Fn(&mut CampaignForm) + Send + Sync>| {
        form.update(|f| update(f));
        form.with_untracked(|f| save_form(KIND.storage_key, f));
    };
    let on_review = move || {
        wizard.submit();
        let Some(info) = token_info.get_untracked() else {
            return error.set(Some("Choose a token the app can read first.".into()));
        };
        let config = match checked.get_untracked() {
            Some(Checked { config: Some(config), .. }) => config,
            _ => return error.set(Some("Check the form: the problems are shown next to each part.".into())),
        };
        // Distributing the payment token: the funding comes from the same balance (and costs a fee).
        let funding = (config.token_ledger == payment_ledger)
            .then(|| (to_fund(&config, &info.fee) + info.fee.clone(), "the campaign's funding"));
        let summary = config.clone();
        wizard.review(me, ContractRequest::Distribution(config), funding,
            ViewFn::from(move || view! { <CampaignSummary config=summary.clone() info=info.clone()/> }));
    };
    let on_restart = Callback::new(move |_| {
        form.set(CampaignForm::new());
        save_form(KIND.storage_key, &CampaignForm::new());
    });
    let form_view = move || {
        let title_error = move || {
            let typed = form.with(|f| !f.title.is_empty()) || submitted.get();
            typed.then(|| checked.get().and_then(|c| c.title)).flatten()
        };
        let categories = move || form.with(|f| f.categories.len());
        view! {
            <form class="bg-white p-4 rounded-lg border border-slate-200 space-y-4" data-testid="campaign-form"
                on:submit=move |ev| { ev.prevent_default(); on_review() }>
                <div>
                    <label class="block text-sm font-medium" for="campaign-title">"Title"</label>
                    <input id="campaign-title" class="mt-1 w-full border rounded px-2 py-1 text-sm" data-testid="campaign-title"
                        aria-describedby="campaign-title-error" aria-invalid=move || if title_error().is_some() { "true" } else { "false" }
                        prop:value=move || form.with(|f| f.title.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |f| f.title = v.clone())) }/>
                    <p id="campaign-title-error" class="text-sm text-red-700" role="alert" data-testid="campaign-title-error">{title_error}</p>
                </div>
                <TokenPicker choice=Signal::derive(move || form.with(|f| f.token_choice.clone()))
                    other=Signal::derive(move || form.with(|f| f.token_other.clone()))
                    mine info=token
                    on_choice=Callback::new(move |v: String| edit(Box::new(move |f| f.token_choice = v.clone())))
                    on_other=Callback::new(move |v: String| edit(Box::new(move |f| f.token_other = v.clone())))/>
                <div class="space-y-3">
                    <h2 class="font-semibold">"Categories and vesting"</h2>
                    <For each=move || 0..categories() key=|i| *i let:index>
                        <CategoryEditor index
                            category=Signal::derive(move || form.with(|f| f.categories.get(index).cloned()))
                            error=Signal::derive(move || checked.get().and_then(|c| c.categories.get(index).cloned().flatten()))
                            edit=Callback::new(move |update: Box<dyn Fn(&mut CategoryForm) + Send + Sync>| edit(Box::new(move |f| {
                                if let Some(c) = f.categories.get_mut(index) { update(c) }
                            })))
                            removable=Signal::derive(move || categories() > 1)
                            on_remove=Callback::new(move |_| edit(Box::new(move |f| { if f.categories.len() > 1 { f.categories.remove(index); } })))/>
                    </For>
                    {move || (categories() < limits::MAX_CATEGORIES).then(|| view! {
                        <button type="button" class="px-3 py-1 rounded border text-sm" data-testid="campaign-add-category"
                            on:click=move |_| edit(Box::new(|f| { let n = f.categories.len() + 1; f.categories.push(CategoryForm::new(&format!("Category {n}"))) }))>
                            "Add a category"</button>
                    })}
                </div>
                <RecipientsInput text=Signal::derive(move || form.with(|f| f.recipients.clone()))
                    on_text=Callback::new(move |v: String| edit(Box::new(move |f| f.recipients = v.clone())))
                    parsed=Signal::derive(move || checked.get().map(|c| c.recipients))
                    unit=Signal::derive(move || token_info.get().map(|t| (t.decimals, t.symbol)))
                    campaign_error=Signal::derive(move || {
                        let typed = form.with(|f| !f.recipients.trim().is_empty()) || submitted.get();
                        typed.then(|| checked.get().and_then(|c| c.campaign)).flatten()
                    })/>
                <RegistrationEditor form=Signal::derive(move || form.with(|f| f.registration.clone()))
                    categories=Signal::derive(move || form.with(|f| f.category_names()))
                    check=Signal::derive(move || checked.get().map(|c| c.registration))
                    symbol=Signal::derive(move || token_info.get().map(|t| t.symbol).unwrap_or_default())
                    edit=Callback::new(move |update: Box<dyn Fn(&mut registration::RegistrationForm) + Send + Sync>| edit(Box::new(move |f| update(&mut f.registration))))/>
                <fieldset class="space-y-1">
                    <legend class="text-sm font-medium">"Options"</legend>
                    <label class="flex gap-2 items-center text-sm">
                        <input type="checkbox" data-testid="campaign-allow-pause" prop:checked=move || form.with(|f| f.allow_pause)
                            on:change=move |ev| { let v = event_target_checked(&ev); edit(Box::new(move |f| f.allow_pause = v)) }/>
                        "I may pause claims (and resume them)"
                    </label>
                    <label class="flex gap-2 items-center text-sm">
                        <input type="checkbox" data-testid="campaign-allow-cancel" prop:checked=move || form.with(|f| f.allow_cancel)
                            on:change=move |ev| { let v = event_target_checked(&ev); edit(Box::new(move |f| f.allow_cancel = v)) }/>
                        "I may cancel: vesting stops and the unvested rest comes back to me"
                    </label>
                </fieldset>
                <button type="submit" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50"
                    disabled=move || busy.get() data-testid="deploy-review">
                    {move || if busy.get() { "Reading the fee and your balance…" } else { "Review" }}</button>
            </form>
        }
    };

    view! {
        <WizardShell wizard first="Campaign" on_restart form=ViewFn::from(form_view)
            progress_title=Signal::derive(move || format!("Creating {}", form.with(|f| f.title.clone())))/>
    }
}
