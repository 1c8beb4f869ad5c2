//! The assets canister: serves the app. The app's runtime config (`/config.json`, the canister ids and
//! where to log in) is written here, so no id is compiled into the app.

use crate::app_files;
use crate::network::Network;
use crate::steps::{Deployment, Options};
use candid::Encode;
use icto_shared::app_config::AppConfig;

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let assets = d.ids.assets;
    net.install(assets, options.wasm("assets", "wasm")?, Encode!()?).await?;
    let app_origin = options.gateway_origin(assets);
    let config = AppConfig {
        // The devnet server answers the IC API on every host, so the app calls its own origin (no CORS).
        network_url: app_origin,
        fetch_root_key: true,
        identity_provider_url: format!("{}/", options.gateway_origin(d.dev_identity())),
        canisters: d.ids.clone(),
    };
    let mut files: Vec<(String, Vec<u8>)> =
        options.app_files.iter().filter(|(path, _)| path != "/config.json").cloned().collect();
    files.push(("/config.json".into(), serde_json::to_vec_pretty(&config)?));
    let summary = app_files::upload(net, assets, &files).await?;
    eprintln!("uploaded {} files to {assets}", summary.files);
    d.config = Some(config);
    Ok(())
}
