//! Loads `/config.json` (written at deploy time) into the app's shared state.
use icto_shared::app_config::AppConfig;

use crate::browser::fetch_text;

pub async fn load_config() -> Result<AppConfig, String> {
    let text = fetch_text("/config.json").await?;
    serde_json::from_str(&text).map_err(|e| format!("/config.json: {e}"))
}
