//! The assets canister: serves the app. The app's runtime config (`/config.json`, the canister ids and
//! where to log in) is written here, so no id is compiled into the app.

use crate::app_files;
use crate::network::Network;
use crate::steps::{Deployment, Options, Profile, IC_API_URL, INTERNET_IDENTITY_URL};
use candid::Encode;
use icto_shared::app_config::AppConfig;

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let assets = d.ids.assets;
    d.put_code(net, assets, options.wasm("assets", "wasm")?, Encode!()?, Encode!()?).await?;
    let config = match options.profile {
        Profile::Local { .. } => AppConfig {
            // The devnet server answers the IC API on every host, so the app calls its own origin (no CORS).
            network_url: options.gateway_origin(assets),
            fetch_root_key: true,
            identity_provider_url: format!("{}/", options.gateway_origin(d.dev_identity())),
            canisters: d.ids.clone(),
        },
        // Mainnet's root key is built into the agents: fetching it would let a rogue network substitute its own.
        Profile::Ic => AppConfig {
            network_url: IC_API_URL.into(),
            fetch_root_key: false,
            identity_provider_url: INTERNET_IDENTITY_URL.into(),
            canisters: d.ids.clone(),
        },
    };
    let mut files: Vec<(String, Vec<u8>)> =
        options.app_files.iter().filter(|(path, _)| path != "/config.json").cloned().collect();
    files.push(("/config.json".into(), serde_json::to_vec_pretty(&config)?));
    let summary = app_files::upload(net, assets, &files).await?;
    eprintln!("uploaded {} files to {assets}", summary.files);
    d.config = Some(config);
    Ok(())
}
