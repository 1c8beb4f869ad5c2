//! My account: the principal others send to, in full, with a copy button and a QR code.
use leptos::prelude::*;

use crate::browser::set_page_title;
use crate::components::copy_button::CopyButton;
use crate::components::qr_code::QrCodeImage;
use crate::state::AppState;

#[component]
pub fn Account() -> impl IntoView {
    set_page_title("Account");
    let state = expect_context::<AppState>();
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">"Account"</h1>
            {move || match state.session.get() {
                Some(session) => {
                    let principal = session.principal().to_text();
                    view! {
                        <div class="bg-white p-4 rounded-lg border border-slate-200 space-y-3">
                            <h2 class="font-semibold" id="principal-heading">"Your principal"</h2>
                            <p class="text-sm text-slate-600">
                                "Others send tokens to you at this principal. Copy it or let them scan the code."
                            </p>
                            <p class="font-mono text-sm break-all" aria-labelledby="principal-heading"
                                data-testid="account-principal">{principal.clone()}</p>
                            <CopyButton text=principal.clone() label="Copy your principal" test_id="account-copy"/>
                            <QrCodeImage text=principal.clone() label=format!("QR code of your principal {principal}")/>
                        </div>
                    }.into_any()
                }
                None => view! {
                    <p class="text-slate-600" data-testid="account-logged-out">"Log in to see your account."</p>
                }.into_any(),
            }}
        </section>
    }
}
