//! Proposals: the open ones with approvals x/threshold, time left, timelock, my vote and the actions my
//! role allows (Approve / Reject for signers, Execute once approved and unlocked, Cancel for the proposer);
//! the closed ones with their outcomes (each row's result for a batch), a page at a time.
use candid::Principal;
use icto_shared::multisig::{MemberRole, ProposalAction, ProposalFilter, ProposalInfo, ProposalStatus, Vote};
use leptos::prelude::*;

use super::action_text::{decode_candid, describe_action, describe_outcome};
use super::WalletView;
use crate::browser::{local_time, now_nanos};
use crate::format::short_principal;
use crate::ic::multisig::{self, status_name};
use crate::state::AppState;

const CLOSED_PAGE: u64 = 10;

/// "2 d 3 h left", "5 min left", "expired".
pub fn time_left(until: u64, now: u64) -> String {
    if until <= now {
        return "expired".into();
    }
    let minutes = (until - now) / 60_000_000_000;
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (d, h) {
        (0, 0) => format!("{} min left", m.max(1)),
        (0, h) => format!("{h} h {m} min left"),
        (d, h) => format!("{d} d {h} h left"),
    }
}

#[component]
pub fn OpenProposals(view: WalletView, refresh: RwSignal<u32>) -> impl IntoView {
    let empty = view.open.is_empty();
    let more = view.open_total.saturating_sub(view.open.len() as u64);
    let items = view.open.clone();
    view! {
        <section class="space-y-2" aria-labelledby="wallet-open-heading" data-testid="wallet-open">
            <h2 class="text-lg font-semibold" id="wallet-open-heading">{format!("Open proposals ({})", view.open_total)}</h2>
            {empty.then(|| view! {
                <p class="text-sm text-slate-700" data-testid="wallet-open-empty">
                    {if view.role() == Some(MemberRole::Signer) { "Nothing waits for a vote. Make a proposal below to move tokens or change the wallet." }
                     else { "Nothing waits for a vote." }}</p>
            })}
            <ul class="space-y-3">
                {items.into_iter().map(|p| view! { <ProposalCard view=view.clone() proposal=p refresh/> }).collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p class="text-xs text-slate-600">{format!("and {more} more open proposals")}</p> })}
        </section>
    }
}

/// The steps of a vote that approves and then executes (shown while it runs).
#[derive(Clone, Debug, PartialEq)]
struct Steps {
    names: Vec<&'static str>,
    done: usize,
    failed: bool,
}

#[component]
fn ProposalCard(view: WalletView, proposal: ProposalInfo, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let now = now_nanos();
    let p = proposal.clone();
    let me = view.me;
    let signer = view.role() == Some(MemberRole::Signer);
    let observer = view.role() == Some(MemberRole::Observer);
    let my_vote = me.and_then(|me| p.votes.iter().find(|v| v.signer == me)).map(|v| v.vote);
    let unlocked = p.not_before.is_none_or(|t| t <= now);
    let can_vote = signer && p.status == ProposalStatus::Pending && my_vote.is_none();
    let can_execute = signer && p.status == ProposalStatus::Approved && unlocked;
    let can_cancel = me == Some(p.proposer) && p.status == ProposalStatus::Pending;
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<Result<String, String>>);
    let steps = RwSignal::new(None::<Steps>);
    let reason = RwSignal::new(String::new());
    let id = p.id;
    let wallet = view.id;
    let reason_id = format!("proposal-{id}-reason");

    // Runs the action: a vote (then execute when it approved the proposal and no timelock holds), execute or cancel.
    let run = {
        let (state, view) = (state.clone(), view.clone());
        move |what: &'static str| {
            let (state, view) = (state.clone(), view.clone());
            busy.set(true);
            message.set(None);
            let reason_text = reason.get_untracked().trim().to_string();
            steps.set((what == "approve").then(|| Steps { names: vec!["Approve", "Execute"], done: 0, failed: false }));
            leptos::task::spawn_local(async move {
                let client = match state.agent() {
                    Ok(c) => multisig::wallet(c, wallet),
                    Err(e) => {
                        busy.set(false);
                        return message.set(Some(Err(e)));
                    }
                };
                let reason = (!reason_text.is_empty()).then_some(reason_text);
                let answer = match what {
                    "approve" => multisig::vote(&client, true, id, reason).await,
                    "reject" => multisig::vote(&client, false, id, reason).await,
                    other => multisig::act(&client, other, id).await,
                };
                let mut outcome = answer.map(|r| r.map_err(|e| view.error_words(&e)));
                if what == "approve" {
                    if let Ok(Ok(after)) = &outcome {
                        steps.update(|s| if let Some(s) = s { s.done = 1 });
                        // Approved by this vote and not time-locked: execute now (the wallet may already have).
                        if after.status == ProposalStatus::Approved && after.not_before.is_none_or(|t| t <= now_nanos()) {
                            outcome = multisig::act(&client, "execute", id).await.map(|r| r.map_err(|e| view.error_words(&e)));
                        }
                    }
                }
                busy.set(false);
                let said = match outcome {
                    Ok(Ok(after)) => {
                        if what == "approve" {
                            let executed = !matches!(after.status, ProposalStatus::Pending | ProposalStatus::Approved);
                            steps.update(|s| if let Some(s) = s { s.done = if executed { 2 } else { 1 } });
                            if !executed {
                                steps.set(None);
                            }
                        }
                        Ok(format!("Done: the proposal is {}.", status_name(after.status).to_lowercase()))
                    }
                    Ok(Err(words)) | Err(words) => {
                        steps.update(|s| if let Some(s) = s { s.failed = true });
                        Err(words)
                    }
                };
                let ok = said.is_ok();
                message.set(Some(said));
                if ok {
                    refresh.update(|n| *n += 1);
                }
            });
        }
    };
    let (run_a, run_r, run_e, run_c) = (run.clone(), run.clone(), run.clone(), run);
    let description = view.with_names(|n| describe_action(&p.action, n));
    let call_args = match &p.action {
        ProposalAction::Call(c) => Some(decode_candid(&c.arg)),
        _ => None,
    };
    let batch_rows = match &p.action {
        ProposalAction::BatchTransfer(b) => Some(view.with_names(|n| b.rows.iter().map(|r| format!("{}: {}", n.account(&r.to), n.amount(&b.ledger, &r.amount))).collect::<Vec<_>>())),
        _ => None,
    };
    let proposer = view.name_of(&icto_shared::token::Account::of(p.proposer)).unwrap_or_else(|| short_principal(&p.proposer.to_text()));
    view! {
        <li class="bg-white p-4 rounded-lg border border-slate-200 space-y-2" data-testid="proposal" data-id=id.to_string()
            data-status=format!("{:?}", p.status)>
            <div class="flex flex-wrap items-baseline gap-2">
                <h3 class="font-semibold break-words" data-testid="proposal-title">{format!("#{id} {}", p.title)}</h3>
                <span class="px-2 py-0.5 rounded bg-amber-100 text-amber-900 text-xs" data-testid="proposal-status">{status_name(p.status)}</span>
            </div>
            <p class="text-sm break-words" data-testid="proposal-action">{description}</p>
            {p.description.clone().map(|d| view! { <p class="text-sm text-slate-700 break-words">{d}</p> })}
            {call_args.map(|a| view! {
                <div class="text-sm"><p class="text-slate-600">"Arguments (Candid, decoded):"</p>
                    <pre class="bg-slate-50 border rounded p-2 text-xs whitespace-pre-wrap break-all" data-testid="proposal-call-args">{a}</pre></div>
            })}
            {batch_rows.map(|rows| view! {
                <details class="text-sm"><summary class="cursor-pointer">{format!("{} rows", rows.len())}</summary>
                    <ol class="list-decimal pl-5">{rows.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ol></details>
            })}
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-600">"Approvals"</dt>
                <dd data-testid="proposal-approvals">{format!("{} of {} needed ({} rejected)", p.approvals, p.threshold, p.rejections)}</dd>
                <dt class="text-slate-600">"Proposed by"</dt><dd>{proposer}</dd>
                <dt class="text-slate-600">"Expires"</dt><dd>{format!("{} ({})", local_time(p.expires_at), time_left(p.expires_at, now))}</dd>
                {p.not_before.map(|t| view! {
                    <dt class="text-slate-600">"Timelock"</dt>
                    <dd data-testid="proposal-timelock">{if t <= now { format!("passed ({})", local_time(t)) } else { format!("executes from {} ({})", local_time(t), time_left(t, now).replace(" left", " to wait")) }}</dd>
                })}
                <dt class="text-slate-600">"My vote"</dt>
                <dd data-testid="proposal-my-vote">{match my_vote { Some(Vote::Approve) => "Approved", Some(Vote::Reject) => "Rejected", None if signer => "Not voted yet", None => "—" }}</dd>
            </dl>
            {observer.then(|| view! {
                <p class="text-sm text-slate-600" data-testid="proposal-observer-note">"You observe this wallet: only signers vote on its proposals."</p>
            })}
            {can_vote.then(|| view! {
                <div>
                    <label class="block text-xs text-slate-600" for=reason_id.clone()>"Reason (optional)"</label>
                    <input id=reason_id.clone() class="w-full border rounded px-2 py-1 text-sm" data-testid="proposal-reason"
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                </div>
            })}
            <div class="flex flex-wrap gap-2">
                {can_vote.then(|| view! {
                    <button type="button" class="px-3 py-1 rounded bg-indigo-600 text-white disabled:opacity-50" data-testid="proposal-approve"
                        disabled=move || busy.get() on:click=move |_| run_a("approve")>"Approve"</button>
                    <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" data-testid="proposal-reject"
                        disabled=move || busy.get() on:click=move |_| run_r("reject")>"Reject"</button>
                })}
                {can_execute.then(|| view! {
                    <button type="button" class="px-3 py-1 rounded bg-indigo-600 text-white disabled:opacity-50" data-testid="proposal-execute"
                        disabled=move || busy.get() on:click=move |_| run_e("execute")>"Execute"</button>
                })}
                {can_cancel.then(|| view! {
                    <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" data-testid="proposal-cancel"
                        disabled=move || busy.get() on:click=move |_| run_c("cancel")>"Cancel the proposal"</button>
                })}
            </div>
            {move || steps.get().map(|s| view! {
                <ol class="text-sm space-y-1" aria-live="polite" data-testid="proposal-steps">
                    {s.names.iter().enumerate().map(|(i, name)| {
                        let (mark, state) = if i < s.done { ("✓", "done") } else if i == s.done && s.failed { ("✗", "failed") } else if i == s.done { ("…", "in progress") } else { ("○", "waiting") };
                        view! { <li data-state=state><span aria-hidden="true">{mark}" "</span>{*name}<span class="sr-only">{format!(" ({state})")}</span></li> }
                    }).collect_view()}
                </ol>
            })}
            {move || message.get().map(|m| match m {
                Ok(t) => view! { <p class="text-sm text-green-800" role="status" data-testid="proposal-message">{t}</p> }.into_any(),
                Err(t) => view! { <p class="text-sm text-red-700" role="alert" data-testid="proposal-error">{t}</p> }.into_any(),
            })}
        </li>
    }
}

#[component]
pub fn ClosedProposals(view: WalletView, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let offset = RwSignal::new(0u64);
    let wallet = view.id;
    let page = LocalResource::new(move || {
        let (state, offset) = (state.clone(), offset.get());
        refresh.track();
        async move {
            let client = multisig::wallet(state.agent()?, wallet);
            super::answer(multisig::list_proposals(&client, ProposalFilter::Closed, offset, CLOSED_PAGE).await)
        }
    });
    view! {
        <section class="space-y-2" aria-labelledby="wallet-closed-heading" data-testid="wallet-closed">
            <h2 class="text-lg font-semibold" id="wallet-closed-heading">"Closed proposals"</h2>
            <Transition fallback=|| view! { <p class="h-12 bg-slate-200 rounded animate-pulse"></p> }>
                {move || page.get().map(|r| match r {
                    Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
                    Ok(p) if p.items.is_empty() => view! { <p class="text-sm text-slate-700">"None yet: executed, rejected, expired and cancelled proposals show here."</p> }.into_any(),
                    Ok(p) => {
                        let total = p.total;
                        view! {
                            <ul class="bg-white rounded-lg border border-slate-200 divide-y">
                                {p.items.into_iter().map(|p| closed_row(&view, p)).collect_view()}
                            </ul>
                            <Pager offset total size=CLOSED_PAGE label="closed proposals"/>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

fn closed_row(view: &WalletView, p: ProposalInfo) -> impl IntoView {
    let description = view.with_names(|n| describe_action(&p.action, n));
    let (outcome, rows) = p.outcome.as_ref().map(describe_outcome).unwrap_or_default();
    let call_args = match &p.action {
        ProposalAction::Call(c) => Some(decode_candid(&c.arg)),
        _ => None,
    };
    view! {
        <li class="p-3 space-y-1 text-sm" data-testid="closed-proposal" data-id=p.id.to_string() data-status=format!("{:?}", p.status)>
            <div class="flex flex-wrap gap-2 items-baseline">
                <span class="font-medium break-words">{format!("#{} {}", p.id, p.title)}</span>
                <span class=match p.status { ProposalStatus::Executed => "px-2 py-0.5 rounded bg-green-100 text-green-900 text-xs", _ => "px-2 py-0.5 rounded bg-slate-200 text-slate-900 text-xs" }
                    data-testid="closed-status">{status_name(p.status)}</span>
                <span class="text-slate-600">{format!("{} of {} approvals, {} rejections", p.approvals, p.threshold, p.rejections)}</span>
            </div>
            <p class="break-words">{description}</p>
            {call_args.map(|a| view! { <pre class="bg-slate-50 border rounded p-2 text-xs whitespace-pre-wrap break-all">{a}</pre> })}
            {(!outcome.is_empty()).then(|| view! { <p class="text-slate-700 break-words" data-testid="closed-outcome">{outcome}</p> })}
            {(!rows.is_empty()).then(|| view! {
                <ol class="pl-5 list-disc text-xs" data-testid="closed-rows">{rows.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ol>
            })}
            {p.executed_at.map(|t| view! { <p class="text-xs text-slate-600">{format!("Executed {}", local_time(t))}</p> })}
        </li>
    }
}

/// Previous / Next over a list read a page at a time.
#[component]
pub fn Pager(offset: RwSignal<u64>, total: u64, size: u64, label: &'static str) -> impl IntoView {
    let shown = move || {
        let o = offset.get();
        format!("{}–{} of {total} {label}", (o + 1).min(total), (o + size).min(total))
    };
    view! {
        <div class="flex items-center gap-3 text-sm" role="navigation" aria-label=format!("Pages of {label}")>
            <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" disabled=move || offset.get() == 0
                on:click=move |_| offset.update(|o| *o = o.saturating_sub(size))>"Previous"</button>
            <span>{shown}</span>
            <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" disabled=move || { offset.get() + size >= total }
                on:click=move |_| offset.update(|o| *o += size)>"Next"</button>
        </div>
    }
}

#[allow(dead_code)]
fn _principal_is_used(_: Principal) {}

#[cfg(test)]
mod tests {
    use super::time_left;

    #[test]
    fn time_left_reads_in_days_hours_minutes() {
        let min = 60_000_000_000u64;
        assert_eq!(time_left(0, 5), "expired");
        assert_eq!(time_left(30 * min, 0), "30 min left");
        assert_eq!(time_left(90 * min, 0), "1 h 30 min left");
        assert_eq!(time_left((2 * 1440 + 180) * min, 0), "2 d 3 h left");
    }
}
