//! The campaign's self-registration: the window (your time) and whether it is open, the places taken, the
//! amount; "Register" for a logged-in person who is not a recipient yet (or why they cannot), with its
//! outcome; the creator's whitelist additions until the window closes.
use candid::Principal;
use icto_shared::distribution::{CampaignStatus, RecipientInfo, RegistrationInfo};
use leptos::prelude::*;

use super::CampaignView;
use crate::browser::{local_time, now_nanos};
use crate::ic::distribution::{self, describe_simple};
use crate::pages::distribution_new::registration::parse_whitelist;
use crate::state::AppState;

/// "open", "upcoming", "full" or "closed", as of `now`.
pub fn window_state(r: &RegistrationInfo, status: CampaignStatus, now: u64) -> &'static str {
    if status != CampaignStatus::Created || now >= r.closes_at {
        "closed"
    } else if now < r.opens_at {
        "upcoming"
    } else if r.registered >= r.max_registrants {
        "full"
    } else {
        "open"
    }
}

#[component]
pub fn RegistrationPanel(
    view: CampaignView,
    r: RegistrationInfo,
    me: Option<Principal>,
    refresh: RwSignal<u32>,
    outcome: RwSignal<Option<Result<RecipientInfo, String>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = view.info.status;
    let window = window_state(&r, status, now_nanos());
    let creator = me == Some(view.info.creator);
    let category = view.info.categories.get(r.category as usize).map(|c| c.name.clone()).unwrap_or_default();
    let when = match window {
        "upcoming" => format!("Opens {} and closes {} (your time).", local_time(r.opens_at), local_time(r.closes_at)),
        "open" => format!("Open until {} (your time).", local_time(r.closes_at)),
        "full" => "Every place is taken.".to_string(),
        _ => format!("Closed (it ran from {} to {}, your time).", local_time(r.opens_at), local_time(r.closes_at)),
    };
    // Whether I may register: not a recipient yet, and on the whitelist when it is required.
    let mine = LocalResource::new({
        let (state, id, only) = (state.clone(), view.id, r.whitelist_only);
        move || {
            let state = state.clone();
            async move {
                let (Some(me), "open") = (me, window) else { return Ok(None) };
                let client = distribution::contract(state.agent()?, id);
                let recipient = !distribution::my_allocation(&client).await?.is_empty();
                let listed = !only || recipient || distribution::is_whitelisted(&client, me).await?;
                Ok::<_, String>(Some((recipient, listed)))
            }
        }
    });
    let busy = RwSignal::new(false);
    let register = {
        let (state, view) = (state.clone(), view.clone());
        move |_| {
            let (state, view) = (state.clone(), view.clone());
            busy.set(true);
            leptos::task::spawn_local(async move {
                let answer = match state.agent() {
                    Ok(c) => distribution::register(&distribution::contract(c, view.id)).await,
                    Err(e) => Err(e),
                };
                busy.set(false);
                outcome.set(Some(match answer {
                    Ok(Ok(row)) => Ok(row),
                    Ok(Err(e)) => Err(describe_simple(&e, view.token.decimals, &view.token.symbol)),
                    Err(e) => Err(e),
                }));
                refresh.update(|n| *n += 1);
            });
        }
    };
    let action = move || mine.get().map(|m| match m {
        Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
        Ok(None) => ().into_any(),
        Ok(Some((true, _))) => view! { <p class="text-sm" data-testid="registration-mine">"You are a recipient of this campaign."</p> }.into_any(),
        Ok(Some((false, false))) => view! {
            <p class="text-sm text-amber-800" data-testid="registration-not-whitelisted">"You are not on the whitelist: only whitelisted principals may register."</p>
        }.into_any(),
        Ok(Some((false, true))) => view! {
            <button type="button" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50" data-testid="register"
                disabled=move || busy.get() on:click=register.clone()>
                {move || if busy.get() { "Registering…" } else { "Register" }}</button>
        }.into_any(),
    });
    let outcome_view = {
        let view = view.clone();
        move || outcome.get().map(|o| match o {
            Ok(row) => view! { <p class="text-sm text-green-800" data-testid="register-outcome">
                {format!("You are registered: {} is allocated to you.", view.amount(&row.amount))}</p> }.into_any(),
            Err(e) => view! { <p class="text-sm text-red-700" data-testid="register-error">{e}</p> }.into_any(),
        })
    };
    let whitelist = (creator && r.whitelist_only && status == CampaignStatus::Created && now_nanos() < r.closes_at)
        .then(|| view! { <WhitelistAdd view=view.clone()/> });
    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200 space-y-2" data-testid="registration" data-state=window>
            <h2 class="font-semibold">"Self-registration"</h2>
            <p class="text-sm" data-testid="registration-window">{when}</p>
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-600">"Places"</dt>
                <dd data-testid="registration-places">{format!("{} of {} places taken", r.registered, r.max_registrants)}</dd>
                <dt class="text-slate-600">"Each receives"</dt><dd data-testid="registration-amount">{format!("{} ({category})", view.amount(&r.amount))}</dd>
                <dt class="text-slate-600">"Who"</dt>
                <dd>{if r.whitelist_only { format!("Whitelisted principals only ({} listed)", r.whitelisted) } else { "Anyone logged in".to_string() }}</dd>
            </dl>
            <Transition fallback=|| ()>{action}</Transition>
            <div role="status" aria-live="polite">{outcome_view}</div>
            {whitelist}
        </section>
    }
}

/// The creator adds principals to the whitelist (one a line, errors by line) until the window closes.
#[component]
fn WhitelistAdd(view: CampaignView) -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let parsed = Memo::new(move |_| text.with(|t| parse_whitelist(t)));
    let add = move |_| {
        let (principals, errors) = parsed.get_untracked();
        if !errors.is_empty() || principals.is_empty() {
            return message.set(Some("Paste at least one principal, one a line, and fix the lines listed.".into()));
        }
        let (state, view) = (state.clone(), view.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = match state.agent() {
                Ok(c) => distribution::add_to_whitelist(&distribution::contract(c, view.id), principals).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            match answer {
                Ok(Ok(n)) => {
                    text.set(String::new());
                    message.set(Some(format!("Added: {n} principals are whitelisted.")));
                }
                Ok(Err(e)) => message.set(Some(describe_simple(&e, view.token.decimals, &view.token.symbol))),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <div class="space-y-2 border-t border-slate-200 pt-2">
            <label class="block text-sm font-medium" for="whitelist-add">"Add to the whitelist (one principal a line)"</label>
            <textarea id="whitelist-add" rows="3" class="w-full border rounded px-2 py-1 text-sm font-mono" data-testid="whitelist-add"
                aria-describedby="whitelist-add-errors" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <ul id="whitelist-add-errors" class="text-sm text-red-700 list-disc pl-5" role="alert">
                {move || parsed.get().1.into_iter().map(|(line, e)| view! { <li>{format!("Line {line}: {e}")}</li> }).collect_view()}
            </ul>
            <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" data-testid="whitelist-add-submit"
                disabled=move || busy.get() on:click=add>"Add to the whitelist"</button>
            <p class="text-sm" role="status" aria-live="polite" data-testid="whitelist-add-message">{move || message.get()}</p>
        </div>
    }
}
