//! The backend gateway: the payment ledger, the storages, and the token type (fee, cycles, its factory,
//! which is thereby whitelisted to report relationships).

use super::payment_ledger;
use crate::network::{self, Network};
use crate::steps::{Deployment, Options};
use anyhow::anyhow;
use candid::{Encode, Nat};
use icto_shared::backend::{BackendError, BackendInitArgs, ContractTypeSettings, PaymentSettings, Storages};
use icto_shared::contract::ContractType;

/// One token deployment costs 1 payment token (the local ICP).
pub const TOKEN_FEE_E8S: u64 = 100_000_000;
/// Cycles a token deployment burns: what the factory gives each token (its default).
pub const TOKEN_CYCLES: u128 = 2_000_000_000_000;
/// Cycles one ICP buys locally (about the mainnet rate: 1 ICP ≈ 3.5 XDR, 1 XDR = 1T cycles).
pub const CYCLES_PER_ICP: u128 = 3_500_000_000_000;

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let init = BackendInitArgs {
        admins: vec![d.deployer],
        payment: PaymentSettings {
            ledger: d.ids.payment_ledger,
            ledger_fee: Nat::from(payment_ledger::FEE),
            decimals: payment_ledger::DECIMALS,
            cycles_per_token: CYCLES_PER_ICP,
        },
        rate_limits: None,
        storages: Some(Storages { audit: d.ids.audit_storage, invoice: d.ids.invoice_storage }),
    };
    d.put_code(net, d.backend(), options.wasm("backend", "wasm")?, Encode!(&init)?, Encode!()?).await?;
    let token = ContractTypeSettings {
        fee: Nat::from(TOKEN_FEE_E8S),
        cycles: TOKEN_CYCLES,
        enabled: true,
        factory: Some(d.ids.token_factory),
    };
    let (set,): (Result<(), BackendError>,) =
        network::update(net, d.backend(), "set_contract_type", (ContractType::Token, token)).await?;
    set.map_err(|e| anyhow!("backend set_contract_type: {e:?}"))
}
