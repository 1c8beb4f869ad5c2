//! ICTO web app: a client-side rendered Leptos app served by the assets canister.
mod app;
mod auth;
mod browser;
mod components;
mod config;
mod format;
mod ic;
mod pages;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
