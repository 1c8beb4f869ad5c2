use crate::repositories::{state, templates as template_store, tokens};
use super::templates;
use candid::Principal;
use icto_shared::factory::limits::MAX_PAGE;
use icto_shared::factory::{FactorySettings, TemplateInfo, TokenPage, TokenRecord};

pub fn my_contracts(user: Principal, offset: u64, limit: u64) -> TokenPage {
    TokenPage {
        items: tokens::page_by_creator(user, offset, limit.min(MAX_PAGE)),
        total: tokens::count_by_creator(&user),
    }
}

pub fn all_tokens(offset: u64, limit: u64) -> TokenPage {
    TokenPage { items: tokens::page(offset, limit.min(MAX_PAGE)), total: tokens::count() }
}

pub fn token(id: Principal) -> Option<TokenRecord> {
    tokens::get(&id)
}

pub fn templates() -> Vec<TemplateInfo> {
    template_store::list()
}

pub fn settings() -> FactorySettings {
    state::with(|s| FactorySettings {
        admins: s.admins.clone(),
        backend: s.backend,
        cycles_per_token: s.cycles_per_token,
        token_count: tokens::count(),
        latest_template: templates::latest(),
    })
}
