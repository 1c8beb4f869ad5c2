//! Multisig factory reads: the wallets a user signs or observes (the dashboard's lists).
use candid::Principal;
use icto_shared::multisig_factory::WalletPage;
use icto_shared::pagination::PageRequest;

use super::agent::Client;
use super::errors::readable;

const WHAT: &str = "The multisig factory";
pub const PAGE_SIZE: u64 = 20;

/// `wallets_by_signer`, `wallets_by_observer` or `wallets_by_creator`: the first page.
pub async fn wallets_by(client: &Client, method: &'static str, user: Principal) -> Result<WalletPage, String> {
    let (page,): (WalletPage,) = client.query(method, (user, PageRequest::new(0, PAGE_SIZE))).await.map_err(|e| readable(WHAT, &e))?;
    Ok(page)
}
