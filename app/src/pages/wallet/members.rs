//! The wallet's members: name, role, principal shortened with a copy button.
use icto_shared::multisig::MemberRole;
use leptos::prelude::*;

use super::WalletView;
use crate::components::copy_button::CopyButton;
use crate::format::short_principal;

#[component]
pub fn Members(view: WalletView) -> impl IntoView {
    let mut members = view.info.members.clone();
    members.sort_by_key(|m| m.role);
    let me = view.me;
    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200 space-y-2" data-testid="wallet-members" aria-labelledby="wallet-members-heading">
            <h2 class="font-semibold" id="wallet-members-heading">"Members"</h2>
            <ul class="divide-y">
                {members.into_iter().map(|m| {
                    let text = m.principal.to_text();
                    let role = match m.role { MemberRole::Signer => "Signer", MemberRole::Observer => "Observer" };
                    view! {
                        <li class="py-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="wallet-member" data-role=role data-principal=text.clone()>
                            <span class="font-medium">{if m.name.is_empty() { "(no name)".to_string() } else { m.name.clone() }}
                                {(Some(m.principal) == me).then_some(" (you)")}</span>
                            <span class=if m.role == MemberRole::Signer { "px-2 py-0.5 rounded bg-indigo-100 text-indigo-900 text-xs" } else { "px-2 py-0.5 rounded bg-slate-200 text-slate-900 text-xs" }>{role}</span>
                            <span class="font-mono text-slate-700" title=text.clone()>{short_principal(&text)}</span>
                            <CopyButton text=text.clone() label="Copy the member's principal"/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
