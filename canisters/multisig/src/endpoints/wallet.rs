use crate::services::wallet;
use canister_kit::{query, CallContext};
use icto_shared::multisig::{MultisigError, WalletInfo};

/// Members, the creator and the factory: the wallet, its members, policy, tokens and today's spending.
#[query]
fn get_wallet() -> Result<WalletInfo, MultisigError> {
    wallet::info(&CallContext::current())
}
