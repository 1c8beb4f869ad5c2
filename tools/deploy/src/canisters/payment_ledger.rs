//! The payment ledger: the local stand-in for ICP, at the ICP ledger's mainnet id (where wallets expect
//! it), minted by the deployer and funding each test user.

use crate::network::Network;
use crate::steps::{Deployment, Options, TestUser};
use candid::{Encode, Nat, Principal};
use icto_shared::token::{Account, FeatureFlags, InitArgs, LedgerArg};

pub const ID: &str = "ryjl3-tyaaa-aaaaa-aaaba-cai";
pub const DECIMALS: u8 = 8;
pub const FEE: u64 = 10_000;

pub fn id() -> Principal {
    Principal::from_text(ID).expect("a valid principal")
}

pub fn init_args(minter: Principal, users: &[TestUser], whole_units: u64) -> InitArgs {
    let amount = Nat::from(whole_units) * Nat::from(10u64.pow(DECIMALS as u32));
    InitArgs {
        minting_account: Account::of(minter),
        fee_collector_account: None,
        transfer_fee: Nat::from(FEE),
        decimals: Some(DECIMALS),
        max_memo_length: Some(32),
        token_symbol: "ICP".into(),
        token_name: "Internet Computer (devnet)".into(),
        metadata: vec![],
        initial_balances: users.iter().map(|u| (Account::of(u.principal), amount.clone())).collect(),
        feature_flags: Some(FeatureFlags { icrc2: true }),
        max_transactions_in_window: None,
    }
}

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    // Funding happens at init only: a re-run upgrades the ledger and keeps every balance as it is.
    let init = Encode!(&LedgerArg::Init(init_args(d.deployer, &d.users, options.fund)))?;
    let upgrade = Encode!(&None::<LedgerArg>)?;
    d.put_code(net, d.ids.payment_ledger, options.wasm("token", "wasm")?, init, upgrade).await
}
