//! The token deploy wizard (`/deploy/token`): form (checked with the factory's rules as the person types),
//! review (fee, balance, what will be created, the payment ledger's consent message for the approval),
//! then approval, `deploy` with the draft's request key, and the progress view polling `get_deployment`.
pub mod draft;
pub mod form;
pub mod progress;

use candid::{Nat, Principal};
use icto_shared::backend::{ContractRequest, DeployError, DeployOutcome, DeployRequest, DeploymentStatus, RefundState};
use icto_shared::contract::ContractType;
use icto_shared::token::{Account, ApproveArgs};
use icto_shared::token_factory::TokenConfig;
use leptos::prelude::*;

use crate::browser::{now_nanos, set_page_title, sleep_ms};
use crate::components::consent_message::ConsentMessage;
use crate::format::format_amount;
use crate::ic::backend::{self, describe_deploy_error, settings_of};
use crate::ic::icrc::{self, describe_approve_error};
use crate::state::AppState;
use draft::Draft;
use form::{Field, TokenForm};
use progress::{Finish, FinishView, StepList};

/// How long the approval lets the backend take the fee: long enough for a slow deployment, short enough
/// that a forgotten approval lapses.
const APPROVAL_LIFETIME_NANOS: u64 = 30 * 60 * 1_000_000_000;
const POLL_MS: i32 = 700;

/// What the review step read and built.
#[derive(Clone, Debug, PartialEq)]
struct Review {
    config: TokenConfig,
    fee: Nat,
    ledger_fee: Nat,
    balance: Nat,
    symbol: String,
    decimals: u8,
    approve: ApproveArgs,
    /// The payment ledger's consent message; `None` when the review found a problem.
    consent: Option<String>,
    problem: Option<String>,
}

impl Review {
    /// The approval costs one ledger fee, the charge (`icrc2_transfer_from`) another.
    fn total(&self) -> Nat {
        self.fee.clone() + self.ledger_fee.clone() + self.ledger_fee.clone()
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Form,
    Review(Review),
    Progress,
}

/// The payment token as the wizard shows amounts in it.
#[derive(Clone, Debug, PartialEq)]
struct Pricing {
    fee: Option<Nat>,
    enabled: bool,
    ledger_fee: Nat,
    decimals: u8,
    symbol: String,
    backend: Principal,
    ledger: Principal,
}

async fn read_pricing(state: &AppState) -> Result<Pricing, String> {
    let backend_id = state.network.config.canisters.backend.ok_or("This network has no backend configured.")?;
    let connection = state.agent()?;
    let backend_client = backend::backend(connection.clone(), backend_id);
    let ledger_client = icrc::ledger(connection, state.network.config.canisters.payment_ledger);
    let (config, info) = futures::join!(backend::get_config(&backend_client), icrc::token_info(&ledger_client));
    let (config, info) = (config?, info.map_err(|e| crate::ic::errors::readable("The payment ledger", &e))?);
    let settings = settings_of(&config, ContractType::Token);
    Ok(Pricing {
        fee: settings.map(|s| s.fee.clone()),
        enabled: settings.is_some_and(|s| s.enabled),
        ledger_fee: config.payment.ledger_fee,
        decimals: info.decimals,
        symbol: info.symbol,
        backend: backend_id,
        ledger: config.payment.ledger,
    })
}

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
                Some(session) => view! { <Wizard me=session.principal()/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Wizard(me: Principal) -> impl IntoView {
    let state = expect_context::<AppState>();
    let stored = Draft::load();
    let resume = stored.as_ref().is_some_and(|d| d.deploying && d.approved);
    let draft = RwSignal::new(match stored {
        // Approval not known to have happened: back to the form, filled in, with the same key.
        Some(d) if d.deploying && !d.approved => Draft { deploying: false, ..d },
        Some(d) => d,
        None => Draft::fresh(TokenForm::new()),
    });
    let phase = RwSignal::new(if resume { Phase::Progress } else { Phase::Form });
    let pricing = LocalResource::new({
        let state = state.clone();
        move || {
            let state = state.clone();
            async move { read_pricing(&state).await }
        }
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submitted = RwSignal::new(false);
    // Progress.
    let approved = RwSignal::new(resume);
    let status = RwSignal::new(None::<DeploymentStatus>);
    let finish = RwSignal::new(None::<Finish>);
    let lost = RwSignal::new(false);

    let set_form = move |update: &dyn Fn(&mut TokenForm)| {
        draft.update(|d| update(&mut d.form));
        draft.get_untracked().save();
    };
    let field_error = move |field: Field| {
        let form = draft.with(|d| d.form.clone());
        let typed = match field {
            Field::Name => !form.name.is_empty(),
            Field::Symbol => !form.symbol.is_empty(),
            Field::Decimals | Field::TransferFee => true,
            Field::Supply => !form.supply.is_empty(),
            Field::Description => !form.description.is_empty(),
            Field::Website => !form.website.is_empty(),
        };
        (typed || submitted.get()).then(|| form.field_error(field, me)).flatten()
    };

    let on_review = {
        let state = state.clone();
        move || {
            submitted.set(true);
            error.set(None);
            let config = match draft.with_untracked(|d| d.form.to_config(me)) {
                Ok(config) => config,
                Err((_, message)) => return error.set(Some(format!("Check the form: {message}"))),
            };
            let state = state.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let review = build_review(&state, me, config, &draft.get_untracked().request_key).await;
                busy.set(false);
                match review {
                    Ok(review) => {
                        phase.set(Phase::Review(review));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };

    let run = {
        let state = state.clone();
        move |approve: Option<ApproveArgs>| {
            let state = state.clone();
            phase.set(Phase::Progress);
            finish.set(None);
            lost.set(false);
            let unit = pricing.get_untracked().and_then(|p| p.ok()).map(|p| (p.decimals, p.symbol)).unwrap_or((8, String::new()));
            leptos::task::spawn_local(run_deployment(state, me, unit, draft, approve, approved, status, finish, lost));
        }
    };
    if resume {
        run.clone()(None);
    }

    let on_restart = Callback::new(move |_| {
        Draft::clear();
        draft.set(Draft::fresh(TokenForm::new()));
        approved.set(false);
        status.set(None);
        finish.set(None);
        submitted.set(false);
        phase.set(Phase::Form);
        pricing.refetch();
    });

    let fee_line = move || {
        pricing.get().map(|p| match p {
            Ok(p) => match (&p.fee, p.enabled) {
                (Some(fee), true) => view! {
                    <p class="text-sm">"Deployment fee: "<span class="font-semibold" data-testid="deploy-fee">
                        {format!("{} {}", format_amount(fee, p.decimals), p.symbol)}</span>
                        {format!(" (plus {} {} ledger fee for the approval and for the charge)", format_amount(&p.ledger_fee, p.decimals), p.symbol)}</p>
                }.into_any(),
                (Some(fee), false) => view! {
                    <p class="text-sm text-amber-800" data-testid="deploy-disabled">
                        "Token deployments are disabled by the platform's admins right now. Fee when enabled: "
                        <span data-testid="deploy-fee">{format!("{} {}", format_amount(fee, p.decimals), p.symbol)}</span></p>
                }.into_any(),
                (None, _) => view! { <p class="text-sm text-amber-800">"Token deployments are not available on this network."</p> }.into_any(),
            },
            Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
        })
    };

    view! {
        <ol class="flex gap-2 text-sm text-slate-600" aria-label="Wizard steps">
            <li class=move || if matches!(phase.get(), Phase::Form) { "font-semibold text-indigo-800" } else { "" }>"1. Token"</li>
            <li aria-hidden="true">"›"</li>
            <li class=move || if matches!(phase.get(), Phase::Review(_)) { "font-semibold text-indigo-800" } else { "" }>"2. Review and approve"</li>
            <li aria-hidden="true">"›"</li>
            <li class=move || if matches!(phase.get(), Phase::Progress) { "font-semibold text-indigo-800" } else { "" }>"3. Deploy"</li>
        </ol>
        <Transition fallback=|| view! { <p class="h-5 w-64 bg-slate-200 rounded animate-pulse"></p> }>{fee_line}</Transition>
        {move || match phase.get() {
            Phase::Form => view! {
                <TokenFormView draft set_form=Callback::new(move |f: Box<dyn Fn(&mut TokenForm) + Send + Sync>| set_form(&*f))
                    field_error=Callback::new(field_error) busy on_review=Callback::new({ let r = on_review.clone(); move |_| r() })/>
            }.into_any(),
            Phase::Review(review) => view! {
                <ReviewView review busy on_back=Callback::new(move |_| phase.set(Phase::Form))
                    on_confirm=Callback::new({ let run = run.clone(); move |arg: ApproveArgs| {
                        draft.update(|d| d.deploying = true);
                        draft.get_untracked().save();
                        run(Some(arg));
                    }})/>
            }.into_any(),
            Phase::Progress => { let run = run.clone(); view! {
                <div class="bg-white p-4 rounded-lg border border-slate-200 space-y-3" data-testid="deploy-progress">
                    <h2 class="font-semibold">{move || format!("Deploying {}", draft.with(|d| d.form.symbol.clone()))}</h2>
                    <StepList approved=approved.into() status=status.into() finish=finish.into()/>
                    {move || lost.get().then(|| view! {
                        <div role="alert" class="text-sm text-amber-800 space-y-2">
                            <p data-testid="deploy-lost">"The network did not answer. Your deployment may have started: sending it again is safe, you will not be charged twice."</p>
                            <button type="button" class="px-3 py-1 rounded border" data-testid="deploy-retry"
                                on:click={ let run = run.clone(); move |_| run(None) }>"Send again"</button>
                        </div>
                    })}
                    {move || finish.get().map(|f| {
                        let (decimals, symbol) = pricing.get().and_then(|p| p.ok()).map(|p| (p.decimals, p.symbol)).unwrap_or((8, String::new()));
                        view! { <FinishView finish=f decimals symbol on_restart/> }
                    })}
                </div>
            }.into_any() },
        }}
        <p class="text-sm text-red-700" role="alert" data-testid="deploy-form-error">{move || error.get()}</p>
    }
}

async fn build_review(state: &AppState, me: Principal, config: TokenConfig, request_key: &str) -> Result<Review, String> {
    let pricing = read_pricing(state).await?;
    let fee = pricing.fee.clone().ok_or("Token deployments are not available on this network.")?;
    let ledger = icrc::ledger(state.agent()?, pricing.ledger);
    let balance = icrc::balance_of(&ledger, me).await.map_err(|e| crate::ic::errors::readable("The payment ledger", &e))?;
    let approve = ApproveArgs {
        from_subaccount: None,
        spender: Account::of(pricing.backend),
        // The backend takes exactly the fee and pays the ledger fee of its transfer_from from the allowance.
        amount: fee.clone() + pricing.ledger_fee.clone(),
        expected_allowance: None,
        expires_at: Some(now_nanos() + APPROVAL_LIFETIME_NANOS),
        fee: Some(pricing.ledger_fee.clone()),
        memo: Some(serde_bytes::ByteBuf::from(request_key.as_bytes().to_vec())),
        created_at_time: Some(now_nanos()),
    };
    let mut review = Review {
        config,
        fee,
        ledger_fee: pricing.ledger_fee.clone(),
        balance,
        symbol: pricing.symbol.clone(),
        decimals: pricing.decimals,
        approve,
        consent: None,
        problem: None,
    };
    if !pricing.enabled {
        review.problem = Some("Token deployments are disabled by the platform's admins right now. Nothing will be charged.".into());
    } else if review.balance < review.total() {
        review.problem = Some(format!(
            "Insufficient funds: the fee and ledger fees come to {total} {sym}, your balance is {balance} {sym}.",
            total = format_amount(&review.total(), review.decimals),
            balance = format_amount(&review.balance, review.decimals),
            sym = review.symbol
        ));
    } else {
        review.consent = Some(
            icrc::approve_consent_message(&ledger, &review.approve)
                .await
                .map_err(|e| format!("The payment ledger gave no consent message: {}", crate::ic::errors::readable("The payment ledger", &e)))?,
        );
    }
    Ok(review)
}

/// Approves (unless resuming), sends `deploy` with the draft's key and follows it to its end. Every answer
/// is read back from the backend's record, so a lost or repeated answer changes nothing.
#[allow(clippy::too_many_arguments)]
async fn run_deployment(
    state: AppState,
    me: Principal,
    (decimals, symbol): (u8, String),
    draft: RwSignal<Draft>,
    approve: Option<ApproveArgs>,
    approved: RwSignal<bool>,
    status: RwSignal<Option<DeploymentStatus>>,
    finish: RwSignal<Option<Finish>>,
    lost: RwSignal<bool>,
) {
    let Some(backend_id) = state.network.config.canisters.backend else {
        finish.set(Some(Finish::Refused("This network has no backend configured.".into())));
        return;
    };
    let connection = match state.agent() {
        Ok(c) => c,
        Err(e) => return finish.set(Some(Finish::Refused(e))),
    };
    if let Some(arg) = approve {
        let ledger = icrc::ledger(connection.clone(), state.network.config.canisters.payment_ledger);
        match icrc::approve(&ledger, arg).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                end(draft, finish, Finish::Refused(format!("{} Nothing was charged.", describe_approve_error(&e, decimals, &symbol))));
                return;
            }
            Err(e) => {
                end(draft, finish, Finish::Refused(format!(
                    "{} Nothing was charged; review again.",
                    crate::ic::errors::readable("The payment ledger", &e)
                )));
                return;
            }
        }
        approved.set(true);
        draft.update(|d| d.approved = true);
        draft.get_untracked().save();
    }
    let (key, config) = draft.with_untracked(|d| (d.request_key.clone(), d.form.to_config(me)));
    let Ok(config) = config else {
        return end(draft, finish, Finish::Refused("The saved form is no longer valid; start again.".into()));
    };
    let client = backend::backend(connection, backend_id);
    let request = DeployRequest { request_key: key.clone(), contract: ContractRequest::Token(config) };

    // The progress view polls while `deploy` runs.
    let running = RwSignal::new(true);
    leptos::task::spawn_local({
        let client = backend::backend(client.connection.clone(), backend_id);
        let key = key.clone();
        async move {
            while running.try_get_untracked().unwrap_or(false) {
                if let Ok(Some(s)) = backend::get_deployment(&client, &key).await {
                    if status.try_set(Some(s)).is_some() {
                        break;
                    }
                }
                sleep_ms(POLL_MS).await;
            }
        }
    });
    let answer = backend::deploy(&client, request).await;
    running.set(false);
    let outcome = match answer {
        Ok(Ok(canister)) => Some(Finish::Created(canister)),
        Ok(Err(DeployError::Failed { step, refund, .. })) => Some(Finish::Failed { step, refund: Some(refund) }),
        Ok(Err(DeployError::InProgress(s))) => {
            status.set(Some(s));
            None
        }
        Ok(Err(refusal)) => Some(Finish::Refused(describe_deploy_error(&refusal, decimals, &symbol))),
        // No answer: the record says what happened (or that nothing did).
        Err(_) => None,
    };
    let outcome = match outcome {
        Some(o) => Some(o),
        None => follow(&client, &key, status).await,
    };
    match outcome {
        Some(Finish::Refused(message)) => {
            // Nothing was charged: the next attempt gets a new key (this one is spent on a refusal).
            end(draft, finish, Finish::Refused(message));
        }
        Some(f) => {
            let pending = matches!(&f, Finish::Failed { refund: Some(r), .. } if matches!(r.state, RefundState::Pending { .. }))
                || matches!(&f, Finish::Failed { refund: None, .. });
            end(draft, finish, f);
            if pending {
                follow_refund(&client, &key, finish).await;
            }
        }
        None => lost.set(true),
    }
}

/// Shows how it ended and forgets the draft (its key is done with).
fn end(draft: RwSignal<Draft>, finish: RwSignal<Option<Finish>>, f: Finish) {
    Draft::clear();
    draft.update(|d| d.deploying = false);
    finish.set(Some(f));
}

/// Polls the record until the deployment ends; `None` if there is no record (the call never arrived).
async fn follow(client: &crate::ic::agent::Client, key: &str, status: RwSignal<Option<DeploymentStatus>>) -> Option<Finish> {
    let mut missing = 0;
    loop {
        match backend::get_deployment(client, key).await {
            Ok(Some(s)) => {
                let done = Finish::from_status(&s);
                // `try_set` hands the value back when the page is gone: stop following.
                if status.try_set(Some(s)).is_some() {
                    return None;
                }
                if done.is_some() {
                    return done;
                }
            }
            Ok(None) => {
                missing += 1;
                if missing > 5 {
                    return None;
                }
            }
            Err(_) => {}
        }
        sleep_ms(POLL_MS).await;
    }
}

/// A pending refund is retried by the backend's timer: follow it until it is done (or a minute passes).
async fn follow_refund(client: &crate::ic::agent::Client, key: &str, finish: RwSignal<Option<Finish>>) {
    for _ in 0..60 {
        sleep_ms(1_000).await;
        if let Ok(Some(s)) = backend::get_deployment(client, key).await {
            if let (DeployOutcome::Failed { step, .. }, Some(refund)) = (&s.outcome, &s.refund) {
                let done = matches!(refund.state, RefundState::Refunded { .. });
                let gone = finish.try_set(Some(Finish::Failed { step: *step, refund: Some(refund.clone()) })).is_some();
                if done || gone {
                    return;
                }
            }
        }
    }
}

#[component]
fn TokenFormView(
    draft: RwSignal<Draft>,
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
                    prop:value=move || draft.with(|d| get(&d.form))
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
                <input type="checkbox" data-testid="token-fixed-supply" prop:checked=move || draft.with(|d| d.form.fixed_supply)
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

#[component]
fn ReviewView(review: Review, busy: RwSignal<bool>, on_back: Callback<()>, on_confirm: Callback<ApproveArgs>) -> impl IntoView {
    let amount = |n: &Nat| format!("{} {}", format_amount(n, review.decimals), review.symbol);
    let c = &review.config;
    let supply = icto_shared::token_config::initial_supply(c);
    let consent_box = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = consent_box.get() {
            let _ = el.focus();
        }
    });
    let approve = review.approve.clone();
    view! {
        <div class="bg-white p-4 rounded-lg border border-slate-200 space-y-3" data-testid="deploy-review-step">
            <h2 class="font-semibold">"What will be created"</h2>
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-600">"Token"</dt><dd data-testid="review-token">{format!("{} ({})", c.name.trim(), c.symbol)}</dd>
                <dt class="text-slate-600">"Decimals"</dt><dd>{c.decimals}</dd>
                <dt class="text-slate-600">"Initial supply"</dt><dd>{format!("{} {} to you", format_amount(&supply, c.decimals), c.symbol)}</dd>
                <dt class="text-slate-600">"Transfer fee"</dt><dd>{format!("{} {}", format_amount(&c.transfer_fee, c.decimals), c.symbol)}</dd>
                <dt class="text-slate-600">"Supply"</dt><dd>{if c.fixed_supply == Some(true) { "fixed" } else { "you may mint more" }}</dd>
            </dl>
            <h2 class="font-semibold">"Payment"</h2>
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-600">"Fee"</dt><dd data-testid="review-fee">{amount(&review.fee)}</dd>
                <dt class="text-slate-600">"Ledger fees"</dt><dd>{format!("{} (approval and charge)", amount(&(review.ledger_fee.clone() + review.ledger_fee.clone())))}</dd>
                <dt class="text-slate-600">"Total"</dt><dd class="font-semibold" data-testid="review-total">{amount(&review.total())}</dd>
                <dt class="text-slate-600">"Your balance"</dt><dd data-testid="review-balance">{amount(&review.balance)}</dd>
            </dl>
            <p class="text-xs text-slate-600">"If a step after the charge fails, the fee is refunded automatically (minus the ledger fee)."</p>
            {review.problem.clone().map(|p| view! { <p class="text-sm text-red-700" role="alert" data-testid="review-problem">{p}</p> })}
            {review.consent.clone().map(|consent| view! {
                <div node_ref=consent_box tabindex="-1" class="border border-amber-300 bg-amber-50 rounded p-3 space-y-2 focus:outline focus:outline-2 focus:outline-indigo-600"
                    aria-label="The payment ledger asks you to approve">
                    <p class="text-xs uppercase text-amber-800">"The payment ledger says"</p>
                    <ConsentMessage message=consent/>
                </div>
            })}
            <div class="flex flex-wrap gap-2">
                {review.consent.is_some().then(|| view! {
                    <button type="button" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50" data-testid="deploy-confirm"
                        disabled=move || busy.get() on:click=move |_| on_confirm.run(approve.clone())>"Approve and deploy"</button>
                })}
                <button type="button" class="px-4 py-2 rounded border" data-testid="deploy-back" on:click=move |_| on_back.run(())>"Back to the form"</button>
            </div>
        </div>
    }
}
