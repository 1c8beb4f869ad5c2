//! A multisig wallet's page (`/wallets/:id`): name, members with roles and names, threshold; balances of
//! the tracked tokens (read from their ledgers at once) and a deposit form; open proposals with their votes
//! and actions; closed proposals with their outcomes; new proposals; history; address book.
pub mod action_text;
mod address_book;
mod balances;
mod history;
mod members;
mod proposal_form;
mod proposals;
mod propose;

use candid::{Nat, Principal};
use icto_shared::multisig::{AddressBookEntry, MemberRole, ProposalFilter, ProposalInfo, WalletInfo};
use icto_shared::token::Account;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::browser::set_page_title;
use crate::components::transfer_form::TransferDraft;
use crate::ic::icrc::{self, TokenInfo};
use crate::ic::multisig::{self, describe_multisig_error};
use crate::state::AppState;
use action_text::Names;

/// Open proposals shown at once (the wallet holds at most `limits::MAX_OPEN_PROPOSALS`).
const OPEN_PAGE: u64 = 50;

/// A tracked token as the page shows it: its ledger's metadata and the wallet's balance.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackedToken {
    pub ledger: Principal,
    pub info: Result<TokenInfo, String>,
    pub balance: Result<Nat, String>,
}

/// What the page reads: the wallet, its open proposals, the address book, then the tokens' balances.
#[derive(Clone)]
pub struct WalletView {
    pub id: Principal,
    pub info: WalletInfo,
    pub open: Vec<ProposalInfo>,
    pub open_total: u64,
    pub book: Vec<AddressBookEntry>,
    pub tokens: Vec<TrackedToken>,
    pub me: Option<Principal>,
}

impl WalletView {
    pub fn role(&self) -> Option<MemberRole> {
        let me = self.me?;
        self.info.members.iter().find(|m| m.principal == me).map(|m| m.role)
    }

    pub fn signers(&self) -> usize {
        self.info.members.iter().filter(|m| m.role == MemberRole::Signer).count()
    }

    pub fn unit(&self, ledger: &Principal) -> Option<(u8, String)> {
        self.tokens.iter().find(|t| t.ledger == *ledger).and_then(|t| t.info.as_ref().ok()).map(|i| (i.decimals, i.symbol.clone()))
    }

    pub fn name_of(&self, account: &Account) -> Option<String> {
        let member = (account.subaccount.is_none() || account.subaccount == Some([0; 32]))
            .then(|| self.info.members.iter().find(|m| m.principal == account.owner && !m.name.is_empty()).map(|m| m.name.clone()))
            .flatten();
        member.or_else(|| self.book.iter().find(|e| e.account == *account).map(|e| e.name.clone()))
    }

    /// Calls `f` with the names and units the page knows.
    pub fn with_names<R>(&self, f: impl FnOnce(&Names) -> R) -> R {
        let name_of = |a: &Account| self.name_of(a);
        let unit = |l: &Principal| self.unit(l);
        f(&Names { name_of: &name_of, unit: &unit })
    }

    /// A refusal of the wallet, with amounts in the tokens' units.
    pub fn error_words(&self, e: &icto_shared::multisig::MultisigError) -> String {
        describe_multisig_error(e, &|l| self.unit(l).unwrap_or((0, String::new())))
    }
}

fn answer<T>(a: multisig::Answer<T>) -> Result<T, String> {
    multisig::sentence(a, &|_| (0, String::new()))
}

async fn load(state: AppState, id: Result<Principal, String>) -> Result<WalletView, String> {
    let id = id?;
    let me = state.session.get_untracked().map(|s| s.principal());
    let connection = state.agent()?;
    let client = multisig::wallet(connection.clone(), id);
    let (info, open, book) = futures::join!(
        multisig::get_wallet(&client),
        multisig::list_proposals(&client, ProposalFilter::Open, 0, OPEN_PAGE),
        multisig::get_address_book(&client),
    );
    let info = answer(info)?;
    let open = answer(open)?;
    let book = answer(book).unwrap_or_default();
    let tokens = futures::future::join_all(info.tokens.iter().map(|ledger| {
        let client = icrc::ledger(connection.clone(), *ledger);
        async move {
            let (token, balance) = futures::join!(icrc::token_info(&client), icrc::balance_of(&client, id));
            let what = "The token's ledger";
            TrackedToken {
                ledger: client.canister,
                info: token.map_err(|e| crate::ic::errors::readable(what, &e)),
                balance: balance.map_err(|e| crate::ic::errors::readable(what, &e)),
            }
        }
    }))
    .await;
    Ok(WalletView { id, info, open: open.items, open_total: open.total, book, tokens, me })
}

/// State kept across the page's reads (the parts are built again from each read).
#[derive(Clone, Copy)]
pub struct Kept {
    pub deposit_open: RwSignal<bool>,
    pub deposit: TransferDraft,
    pub proposed: RwSignal<Option<String>>,
}

#[component]
pub fn WalletPage() -> impl IntoView {
    set_page_title("Multisig wallet");
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        let text = params.read().get("id").unwrap_or_default();
        Principal::from_text(&text).map_err(|_| format!("“{text}” is not a wallet id. Check the address."))
    });
    // Bumped after an action so the wallet is read again.
    let refresh = RwSignal::new(0u32);
    // What outlives a read again: the deposit form and the last proposal's notice.
    let kept = Kept { deposit_open: RwSignal::new(false), deposit: TransferDraft::new(), proposed: RwSignal::new(None) };
    let data = LocalResource::new({
        let state = state.clone();
        move || {
            refresh.track();
            state.session.track();
            load(state.clone(), id.get())
        }
    });
    view! {
        <Transition fallback=|| view! {
            <div class="space-y-3" aria-busy="true" aria-label="Loading the wallet" data-testid="wallet-loading">
                <div class="h-8 w-64 bg-slate-200 rounded animate-pulse"></div>
                <div class="h-32 bg-slate-200 rounded animate-pulse"></div>
            </div>
        }>
            {move || data.get().map(|result| match result {
                Err(error) => {
                    set_page_title("Wallet not available");
                    view! {
                        <div class="space-y-3">
                            <h1 class="text-2xl font-semibold">"Wallet not available"</h1>
                            <p class="text-red-700" role="alert" data-testid="wallet-error">{error}</p>
                            <A href="/" attr:class="text-indigo-700 underline">"Back to the dashboard"</A>
                        </div>
                    }.into_any()
                }
                Ok(view) => view! { <Wallet view refresh kept/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Wallet(view: WalletView, refresh: RwSignal<u32>, kept: Kept) -> impl IntoView {
    set_page_title(&format!("{} · Multisig wallet", view.info.name));
    let info = &view.info;
    let signers = view.signers();
    let role_text = match view.role() {
        Some(MemberRole::Signer) => "You are a signer: you propose and vote.",
        Some(MemberRole::Observer) => "You observe this wallet: you see everything, you do not vote.",
        None if view.me.is_some() => "You are not a member of this wallet.",
        None => "Log in to see whether you are a member.",
    };
    let signer = view.role() == Some(MemberRole::Signer);
    view! {
        <article class="space-y-6" data-testid="wallet" data-id=view.id.to_text()>
            <header class="space-y-1">
                <h1 class="text-2xl font-semibold break-words" data-testid="wallet-name">{info.name.clone()}</h1>
                {info.description.clone().map(|d| view! { <p class="text-sm text-slate-700 break-words">{d}</p> })}
                <p class="text-sm" data-testid="wallet-threshold">
                    {format!("{} of {} signer{} must approve each proposal.", info.threshold, signers, if signers == 1 { "" } else { "s" })}</p>
                <p class="text-sm text-slate-600" data-testid="wallet-my-role">{role_text}</p>
                <p class="text-xs text-slate-600 break-all">"Wallet canister: "<span class="font-mono">{view.id.to_text()}</span>" "
                    <crate::components::copy_button::CopyButton text=view.id.to_text() label="Copy the wallet's id" test_id="wallet-copy-id"/></p>
            </header>
            <balances::Balances view=view.clone() refresh kept/>
            <proposals::OpenProposals view=view.clone() refresh/>
            {signer.then(|| view! { <propose::NewProposal view=view.clone() refresh notice=kept.proposed/> })}
            <proposals::ClosedProposals view=view.clone() refresh/>
            <members::Members view=view.clone()/>
            <address_book::AddressBook view=view.clone() refresh/>
            <history::History view=view.clone() refresh/>
        </article>
    }
}
