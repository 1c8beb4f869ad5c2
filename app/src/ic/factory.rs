//! Token factory reads: the tokens a user owns and the public list.
use candid::Principal;
use icto_shared::token_factory::TokenPage;

use super::agent::Client;

pub const PAGE_SIZE: u64 = 50;

pub async fn my_tokens(client: &Client, user: Principal) -> Result<TokenPage, String> {
    let (page,): (TokenPage,) = client.query("get_my_contracts", (user, 0u64, PAGE_SIZE)).await?;
    Ok(page)
}

pub async fn public_tokens(client: &Client) -> Result<TokenPage, String> {
    let (page,): (TokenPage,) = client.query("list_tokens", (0u64, PAGE_SIZE)).await?;
    Ok(page)
}
