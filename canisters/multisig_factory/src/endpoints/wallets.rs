use crate::services::wallets;
use canister_kit::pagination::PageRequest;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::multisig_factory::{CreateWalletArgs, MultisigFactoryError, UpgradeWalletArgs, WalletPage, WalletRecord};
use icto_shared::role::Role;

/// Only the backend may call; it names the user who paid and creates the wallet.
#[update]
async fn create_wallet(args: CreateWalletArgs) -> Result<WalletRecord, MultisigFactoryError> {
    wallets::create(CallContext::current(), args).await
}

/// The wallet's creator or an admin; forward only (an admin may roll back to the version before).
#[update]
async fn upgrade_wallet(args: UpgradeWalletArgs) -> Result<WalletRecord, MultisigFactoryError> {
    wallets::upgrade(CallContext::current(), args).await
}

#[query]
fn get_wallet(canister_id: Principal) -> Option<WalletRecord> {
    wallets::get(canister_id)
}

/// Every wallet, oldest first (at most 100 per page).
#[query]
fn list_wallets(page: PageRequest) -> WalletPage {
    wallets::all(page)
}

#[query]
fn wallets_by_creator(creator: Principal, page: PageRequest) -> WalletPage {
    wallets::by_role(creator, Role::Owner, page)
}

/// The wallets whose current signers include `signer` (as the wallets report their member changes).
#[query]
fn wallets_by_signer(signer: Principal, page: PageRequest) -> WalletPage {
    wallets::by_role(signer, Role::Signer, page)
}

/// The wallets whose current observers include `observer`.
#[query]
fn wallets_by_observer(observer: Principal, page: PageRequest) -> WalletPage {
    wallets::by_role(observer, Role::Observer, page)
}
