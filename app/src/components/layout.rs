//! The page frame: header with navigation and login, then the page. Sections that do not work yet are
//! listed but not linked.
use leptos::prelude::*;
use leptos_router::components::A;

use super::login_button::LoginButton;

const COMING_SECTIONS: [&str; 4] = ["Distributions", "Multisig", "DAO", "Launchpad"];

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <div class="min-h-screen flex flex-col">
            <header class="bg-white border-b border-slate-200">
                <div class="max-w-5xl mx-auto px-4 py-3 flex items-center gap-6">
                    <A href="/" attr:class="font-bold text-lg text-indigo-700">"ICTO"</A>
                    <nav class="flex gap-4 text-sm items-center">
                        <A href="/" attr:class="hover:text-indigo-700">"Dashboard"</A>
                        <A href="/tokens" attr:class="hover:text-indigo-700" attr:data-testid="nav-tokens">"Tokens"</A>
                        <A href="/deploy/token" attr:class="hover:text-indigo-700" attr:data-testid="nav-deploy">"Deploy"</A>
                        <A href="/payments" attr:class="hover:text-indigo-700" attr:data-testid="nav-payments">"Payments"</A>
                        <super::admin_link::AdminLink/>
                        {COMING_SECTIONS
                            .iter()
                            .map(|name| view! {
                                <span class="text-slate-400 cursor-default" title="Coming soon">{*name}</span>
                            })
                            .collect_view()}
                    </nav>
                    <div class="ml-auto"><LoginButton/></div>
                </div>
            </header>
            <main class="flex-1 max-w-5xl w-full mx-auto px-4 py-6">{children()}</main>
        </div>
    }
}
