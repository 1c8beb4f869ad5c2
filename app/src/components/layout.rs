//! The page frame: header with navigation and login, then the page. Sections that do not work yet are
//! listed, not linked, and say so in visible text. Below the `sm` breakpoint the navigation and account
//! fold into a menu opened by a button (`aria-expanded`), closed by Escape or by navigating.
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::login_button::LoginButton;

const COMING_SECTIONS: [&str; 2] = ["DAO", "Launchpad"];
const MENU_ID: &str = "site-menu";
const MENU_TOGGLE_ID: &str = "site-menu-toggle";

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    let location = use_location();
    // A followed link closes the menu.
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            crate::browser::focus_when_shown(MENU_TOGGLE_ID);
        }
    };
    let menu_class = move || {
        let base = "w-full sm:w-auto sm:flex-1 sm:flex sm:flex-row sm:items-center gap-4 sm:gap-6";
        if open.get() { format!("{base} flex flex-col items-start") } else { format!("{base} hidden") }
    };

    view! {
        <div class="min-h-screen flex flex-col">
            <header class="bg-white border-b border-slate-200" on:keydown=on_keydown>
                <div class="max-w-5xl mx-auto px-4 py-3 flex flex-wrap items-center gap-3 sm:gap-6">
                    <A href="/" attr:class="font-bold text-lg text-indigo-700">"ICTO"</A>
                    <button type="button" id=MENU_TOGGLE_ID data-testid="menu-toggle"
                        class="sm:hidden ml-auto px-3 py-1 rounded border border-slate-300 text-sm"
                        aria-controls=MENU_ID aria-expanded=move || open.get().to_string()
                        on:click=move |_| open.update(|o| *o = !*o)>
                        {move || if open.get() { "Close menu" } else { "Menu" }}
                    </button>
                    <div id=MENU_ID class=menu_class data-testid="site-menu">
                        <nav aria-label="Main" class="flex flex-col sm:flex-row gap-3 sm:gap-4 text-sm sm:items-center">
                            <A href="/" attr:class="hover:text-indigo-700">"Dashboard"</A>
                            <A href="/tokens" attr:class="hover:text-indigo-700" attr:data-testid="nav-tokens">"Tokens"</A>
                            <A href="/deploy/token" attr:class="hover:text-indigo-700" attr:data-testid="nav-deploy">"Deploy"</A>
                            <A href="/distributions/new" attr:class="hover:text-indigo-700" attr:data-testid="nav-distributions">"Distributions"</A>
                            <A href="/wallets/new" attr:class="hover:text-indigo-700" attr:data-testid="nav-new-wallet">"New wallet"</A>
                            <A href="/payments" attr:class="hover:text-indigo-700" attr:data-testid="nav-payments">"Payments"</A>
                            <super::admin_link::AdminLink/>
                            {COMING_SECTIONS
                                .iter()
                                .map(|name| view! {
                                    // Not a link: says why it cannot be followed, in text dark enough to read.
                                    <span class="text-slate-600 cursor-default" aria-disabled="true" data-testid="nav-coming">
                                        {*name}" "<span class="text-xs">"(coming soon)"</span>
                                    </span>
                                })
                                .collect_view()}
                        </nav>
                        <div class="sm:ml-auto"><LoginButton/></div>
                    </div>
                </div>
            </header>
            <main class="flex-1 max-w-5xl w-full mx-auto px-4 py-6">{children()}</main>
        </div>
    }
}
