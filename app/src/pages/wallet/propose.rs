//! A new proposal (signers only): its kind, then the fields of that kind, checked before sending with the
//! wallet's own rules (`proposal_form`); a call's arguments are typed as hex DIDL bytes with their decoded
//! Candid shown as typed; batch rows are read from CSV with each line's problem.
use candid::Principal;
use icto_shared::multisig::MemberRole;
use leptos::prelude::*;

use super::action_text::decode_candid;
use super::proposal_form::{parse_arg, parse_rows, propose_args, Context, Kind, ProposalForm};
use super::WalletView;
use crate::format::format_amount;
use crate::ic::multisig;
use crate::state::AppState;

fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let _ = getrandom_04::fill(&mut bytes);
    hex::encode(bytes)
}

#[component]
pub fn NewProposal(view: WalletView, refresh: RwSignal<u32>, notice: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let kind = RwSignal::new(Kind::Transfer);
    let form = RwSignal::new(ProposalForm {
        ledger: view.tokens.first().map(|t| t.ledger.to_text()).unwrap_or_default(),
        ..ProposalForm::default()
    });
    // One key per proposal typed: sending again after a lost answer returns the first proposal.
    let key = RwSignal::new(new_key());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let view_s = StoredValue::new(view.clone());
    let units: Vec<(Principal, u8, String)> =
        view.tokens.iter().filter_map(|t| t.info.as_ref().ok().map(|i| (t.ledger, i.decimals, i.symbol.clone()))).collect();
    let units = StoredValue::new(units);
    let decimals_of = move |l: Principal| units.with_value(|u| u.iter().find(|(p, _, _)| *p == l).map(|(_, d, _)| *d));
    let signers = view.signers();

    let set = move |f: fn(&mut ProposalForm, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            form.update(|form| f(form, v));
            error.set(None);
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        notice.set(None);
        let args = form.with_untracked(|f| propose_args(kind.get_untracked(), f, &Context { signers, decimals: &decimals_of }, &key.get_untracked()));
        let args = match args {
            Ok(a) => a,
            Err(e) => return error.set(Some(e)),
        };
        let state = state.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let view = view_s.get_value();
            let answer = match state.agent() {
                Ok(c) => multisig::propose(&multisig::wallet(c, view.id), args).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            match answer {
                Ok(Ok(p)) => {
                    notice.set(Some(match p.status {
                        icto_shared::multisig::ProposalStatus::Pending | icto_shared::multisig::ProposalStatus::Approved =>
                            format!("Proposal #{} is open for votes ({} of {} approvals, yours included).", p.id, p.approvals, p.threshold),
                        status => format!("Proposal #{}: your approval was enough; it is {}.", p.id, multisig::status_name(status).to_lowercase()),
                    }));
                    key.set(new_key());
                    form.update(|f| *f = ProposalForm { ledger: f.ledger.clone(), ..ProposalForm::default() });
                    refresh.update(|n| *n += 1);
                }
                Ok(Err(e)) => error.set(Some(view.error_words(&e))),
                // No answer: the proposal may exist; sending again with the same key is safe.
                Err(e) => error.set(Some(format!("{e} Sending again is safe: the wallet will not make it twice."))),
            }
        });
    };

    let field = move |id: &'static str, label: &'static str, hint: &'static str, get: fn(&ProposalForm) -> String, put: fn(&mut ProposalForm, String)| view! {
        <div>
            <label class="block text-sm font-medium" for=id>{label}</label>
            <input id=id data-testid=id class="mt-1 w-full border rounded px-2 py-1 text-sm" autocomplete="off"
                aria-describedby=format!("{id}-hint propose-error") prop:value=move || form.with(get) on:input=set(put)/>
            <p id=format!("{id}-hint") class="text-xs text-slate-500">{hint}</p>
        </div>
    };
    let token_select = move || {
        let options = units.get_value();
        view! {
            <div>
                <label class="block text-sm font-medium" for="propose-token">"Token"</label>
                <select id="propose-token" data-testid="propose-token" class="mt-1 border rounded px-2 py-1 text-sm" on:change=set(|f, v| f.ledger = v)>
                    {options.into_iter().map(|(id, _, symbol)| {
                        let text = id.to_text();
                        let selected = { let t = text.clone(); move || form.with(|f| f.ledger == t) };
                        view! { <option value=text selected=selected>{symbol}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let members_of = move |role: MemberRole| {
        view_s.with_value(|v| v.info.members.iter().filter(|m| m.role == role).map(|m| (m.principal, m.name.clone())).collect::<Vec<_>>())
    };
    let member_select = move |role: MemberRole| {
        let options = members_of(role);
        view! {
            <div>
                <label class="block text-sm font-medium" for="propose-member">{if role == MemberRole::Signer { "Signer to remove" } else { "Observer to remove" }}</label>
                <select id="propose-member" data-testid="propose-member" class="mt-1 border rounded px-2 py-1 text-sm max-w-full" on:change=set(|f, v| f.to = v)>
                    <option value="">"Choose…"</option>
                    {options.into_iter().map(|(p, name)| view! {
                        <option value=p.to_text()>{if name.is_empty() { p.to_text() } else { format!("{name} ({})", crate::format::short_principal(&p.to_text())) }}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let book = StoredValue::new(view.book.clone());
    let fields = move || match kind.get() {
        Kind::Transfer => view! {
            {token_select()}
            {field("propose-to", "To", "A principal, or principal.subaccount (hex); or pick from the address book below.", |f| f.to.clone(), |f, v| f.to = v)}
            <AddressPick book=book.get_value() on_pick=Callback::new(move |a: String| form.update(|f| f.to = a))/>
            {field("propose-amount", "Amount", "In token units, e.g. 1.5.", |f| f.amount.clone(), |f, v| f.amount = v)}
            {field("propose-memo", "Memo (optional)", "Text kept with the transfer on the ledger.", |f| f.memo.clone(), |f, v| f.memo = v)}
        }.into_any(),
        Kind::BatchTransfer => {
            let summary = move || {
                let decimals = form.with(|f| Principal::from_text(&f.ledger).ok().and_then(decimals_of))?;
                let (rows, errors) = form.with(|f| parse_rows(&f.rows, decimals));
                let total = rows.iter().fold(candid::Nat::from(0u8), |s, r| s + r.amount.clone());
                Some((format!("{} row{}, {} in all.", rows.len(), if rows.len() == 1 { "" } else { "s" }, format_amount(&total, decimals)), errors))
            };
            view! {
                {token_select()}
                <div>
                    <label class="block text-sm font-medium" for="propose-rows">"Rows"</label>
                    <p id="propose-rows-hint" class="text-xs text-slate-500">"One a line: principal,amount (amounts in token units)."</p>
                    <textarea id="propose-rows" data-testid="propose-rows" rows="5" class="w-full border rounded px-2 py-1 text-sm font-mono"
                        aria-describedby="propose-rows-hint propose-rows-errors" prop:value=move || form.with(|f| f.rows.clone()) on:input=set(|f, v| f.rows = v)></textarea>
                    <p class="text-sm text-slate-700" data-testid="propose-rows-summary">{move || summary().map(|s| s.0)}</p>
                    <ul id="propose-rows-errors" role="alert" class="text-sm text-red-700 list-disc pl-5" data-testid="propose-rows-errors">
                        {move || summary().map(|s| s.1).unwrap_or_default().into_iter().map(|(line, e)| view! {
                            <li>{if line == 0 { e } else { format!("Line {line}: {e}") }}</li>
                        }).collect_view()}
                    </ul>
                </div>
            }.into_any()
        }
        Kind::Approve => view! {
            {token_select()}
            {field("propose-to", "Spender", "The principal (or principal.subaccount) allowed to spend.", |f| f.to.clone(), |f, v| f.to = v)}
            {field("propose-amount", "Allowance", "In token units.", |f| f.amount.clone(), |f, v| f.amount = v)}
        }.into_any(),
        Kind::AddSigner | Kind::AddObserver => view! {
            {field("propose-to", "Principal", "The new member's principal.", |f| f.to.clone(), |f, v| f.to = v)}
            {field("propose-name", "Name (optional)", "How the team knows them.", |f| f.name.clone(), |f, v| f.name = v)}
        }.into_any(),
        Kind::RemoveSigner => member_select(MemberRole::Signer).into_any(),
        Kind::RemoveObserver => member_select(MemberRole::Observer).into_any(),
        Kind::ChangeThreshold => view! {
            {field("propose-threshold", "New threshold", "Approvals each proposal needs, 1 to the number of signers.", |f| f.threshold.clone(), |f, v| f.threshold = v)}
        }.into_any(),
        Kind::SpendingLimit => view! {
            {token_select()}
            {field("propose-amount", "Daily limit", "In token units; leave empty to lift the limit.", |f| f.amount.clone(), |f, v| f.amount = v)}
        }.into_any(),
        Kind::Call => {
            let preview = move || {
                let hex_text = form.with(|f| f.arg_hex.clone());
                match parse_arg(&hex_text) {
                    Ok(bytes) => Ok(decode_candid(&bytes)),
                    Err(e) => Err(e),
                }
            };
            view! {
                {field("propose-to", "Canister", "The canister to call.", |f| f.to.clone(), |f, v| f.to = v)}
                {field("propose-method", "Method", "The method's name.", |f| f.method.clone(), |f, v| f.method = v)}
                <div>
                    <label class="block text-sm font-medium" for="propose-arg">"Arguments (Candid bytes, hex)"</label>
                    <p id="propose-arg-hint" class="text-xs text-slate-500">"The DIDL-encoded arguments as hex (e.g. from didc encode); empty for none. Signers see them decoded."</p>
                    <textarea id="propose-arg" data-testid="propose-arg" rows="3" class="w-full border rounded px-2 py-1 text-sm font-mono"
                        aria-describedby="propose-arg-hint propose-arg-preview" prop:value=move || form.with(|f| f.arg_hex.clone()) on:input=set(|f, v| f.arg_hex = v)></textarea>
                    <p class="text-xs text-slate-600">"Decoded:"</p>
                    <pre id="propose-arg-preview" class="bg-slate-50 border rounded p-2 text-xs whitespace-pre-wrap break-all" data-testid="propose-arg-preview">
                        {move || match preview() { Ok(t) => t, Err(e) => e }}</pre>
                </div>
            }.into_any()
        }
    };

    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200 space-y-3" aria-labelledby="propose-heading" data-testid="propose">
            <h2 class="font-semibold" id="propose-heading">"New proposal"</h2>
            <form class="space-y-3" novalidate=true on:submit=submit>
                <div>
                    <label class="block text-sm font-medium" for="propose-kind">"What should the wallet do?"</label>
                    <select id="propose-kind" data-testid="propose-kind" class="mt-1 border rounded px-2 py-1 text-sm"
                        on:change=move |ev| { kind.set(Kind::from_key(&event_target_value(&ev))); error.set(None); }>
                        {Kind::ALL.into_iter().map(|k| view! { <option value=k.key() selected=move || kind.get() == k>{k.name()}</option> }).collect_view()}
                    </select>
                </div>
                {field("propose-title", "Title", "What the signers read first.", |f| f.title.clone(), |f, v| f.title = v)}
                {fields}
                <div>
                    <label class="block text-sm font-medium" for="propose-description">"Description (optional)"</label>
                    <textarea id="propose-description" data-testid="propose-description" rows="2" class="mt-1 w-full border rounded px-2 py-1 text-sm"
                        prop:value=move || form.with(|f| f.description.clone()) on:input=set(|f, v| f.description = v)></textarea>
                </div>
                {field("propose-expires", "Open for (days, optional)", "7 days unless set.", |f| f.expires_days.clone(), |f, v| f.expires_days = v)}
                <button type="submit" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50" data-testid="propose-submit"
                    disabled=move || busy.get()>{move || if busy.get() { "Sending…" } else { "Propose" }}</button>
                <p id="propose-error" class="text-sm text-red-700" role="alert" data-testid="propose-error">{move || error.get()}</p>
                <p class="text-sm text-green-800" role="status" data-testid="propose-notice">{move || notice.get()}</p>
            </form>
        </section>
    }
}

/// Fills the recipient from the wallet's address book.
#[component]
fn AddressPick(book: Vec<icto_shared::multisig::AddressBookEntry>, on_pick: Callback<String>) -> impl IntoView {
    (!book.is_empty()).then(|| view! {
        <div>
            <label class="block text-xs text-slate-600" for="propose-book">"From the address book"</label>
            <select id="propose-book" class="border rounded px-2 py-1 text-sm" data-testid="propose-book"
                on:change=move |ev| { let v = event_target_value(&ev); if !v.is_empty() { on_pick.run(v) } }>
                <option value="">"Choose…"</option>
                {book.into_iter().map(|e| view! { <option value=super::address_book::account_text(&e.account)>{e.name.clone()}</option> }).collect_view()}
            </select>
        </div>
    })
}
