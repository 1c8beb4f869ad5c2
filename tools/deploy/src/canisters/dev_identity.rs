//! The development identity provider, and the test users it signs in: each user's principal for the
//! app's origin is what the payment ledger funds.

use crate::network::{self, Network};
use crate::steps::{Deployment, Options, TestUser};
use anyhow::anyhow;
use candid::{Encode, Principal};
use icto_shared::dev_identity::{DevIdentityError, InitArgs};

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let canister = d.dev_identity();
    d.put_code(net, canister, options.wasm("dev_identity", "wasm")?, Encode!(&None::<InitArgs>)?, Encode!()?).await?;
    // Adding a user who exists already changes nothing, so a re-run finds the same principals.
    let origin = options.gateway_origin(d.ids.assets);
    for name in &options.users {
        let (added,): (Result<(), DevIdentityError>,) = network::update(net, canister, "add_user", (name,)).await?;
        added.map_err(|e| anyhow!("user {name}: {e:?}"))?;
        let (principal,): (Result<Principal, DevIdentityError>,) =
            network::query(net, canister, "user_principal", (name, &origin)).await?;
        let principal = principal.map_err(|e| anyhow!("no principal for {name}: {e:?}"))?;
        d.users.push(TestUser { name: name.clone(), principal });
    }
    Ok(())
}
