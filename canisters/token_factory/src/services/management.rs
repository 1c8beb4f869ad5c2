//! Calls to the management canister, with its Candid types declared here (only the fields we set).

use candid::{CandidType, Deserialize, Principal};
use ic_cdk::call::Call;

#[derive(CandidType, Deserialize, Clone, Debug, Default)]
pub struct CanisterSettings {
    pub controllers: Option<Vec<Principal>>,
}

#[derive(CandidType)]
struct CreateCanisterArgs {
    settings: Option<CanisterSettings>,
}

#[derive(CandidType, Deserialize)]
struct CreateCanisterResult {
    canister_id: Principal,
}

#[derive(CandidType, Deserialize, Clone, Copy)]
pub enum InstallMode {
    #[serde(rename = "install")]
    Install,
    #[serde(rename = "upgrade")]
    Upgrade(Option<UpgradeFlags>),
}

#[derive(CandidType, Deserialize, Clone, Copy)]
pub struct UpgradeFlags {
    pub skip_pre_upgrade: Option<bool>,
}

#[derive(CandidType)]
struct InstallCodeArgs<'a> {
    mode: InstallMode,
    canister_id: Principal,
    wasm_module: &'a serde_bytes::Bytes,
    arg: &'a serde_bytes::Bytes,
}

#[derive(CandidType)]
struct CanisterIdArg {
    canister_id: Principal,
}

fn describe(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Creates a canister paid with `cycles` from this canister's balance.
pub async fn create_canister(controllers: Vec<Principal>, cycles: u128) -> Result<Principal, String> {
    let args = CreateCanisterArgs { settings: Some(CanisterSettings { controllers: Some(controllers) }) };
    let reply = Call::unbounded_wait(Principal::management_canister(), "create_canister")
        .with_arg(args)
        .with_cycles(cycles)
        .await
        .map_err(describe)?;
    reply.candid::<CreateCanisterResult>().map(|r| r.canister_id).map_err(describe)
}

pub async fn install_code(canister_id: Principal, mode: InstallMode, wasm: &[u8], arg: &[u8]) -> Result<(), String> {
    let args = InstallCodeArgs {
        mode,
        canister_id,
        wasm_module: serde_bytes::Bytes::new(wasm),
        arg: serde_bytes::Bytes::new(arg),
    };
    Call::unbounded_wait(Principal::management_canister(), "install_code")
        .with_arg(args)
        .await
        .map(|_| ())
        .map_err(describe)
}

/// Best effort: stops and deletes a canister we created but could not install.
pub async fn discard_canister(canister_id: Principal) {
    let mgmt = Principal::management_canister();
    if Call::unbounded_wait(mgmt, "stop_canister").with_arg(CanisterIdArg { canister_id }).await.is_ok() {
        let _ = Call::unbounded_wait(mgmt, "delete_canister").with_arg(CanisterIdArg { canister_id }).await;
    }
}
