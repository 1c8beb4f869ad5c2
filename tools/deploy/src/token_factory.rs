//! Token factory set-up: upload the token template in chunks, then create a demo token so the token
//! list shows a factory-made token from the first start.
use anyhow::{anyhow, Context};
use candid::{CandidType, Decode, Encode, Nat, Principal};
use ic_agent::Agent;
use icto_shared::factory::limits::MAX_CHUNK_BYTES;
use icto_shared::factory::{
    CreateTokenArgs, FactoryError, TemplateInfo, TemplateUploadBegin, TokenConfig, TokenRecord,
};
use icto_shared::token::Account;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

async fn update<A: CandidType, R: CandidType + DeserializeOwned>(
    agent: &Agent,
    factory: Principal,
    method: &str,
    arg: &A,
) -> anyhow::Result<R> {
    let reply = agent
        .update(&factory, method)
        .with_arg(Encode!(arg)?)
        .call_and_wait()
        .await
        .with_context(|| format!("token factory {method}"))?;
    let result = Decode!(&reply, Result<R, FactoryError>)?;
    result.map_err(|e| anyhow!("token factory {method}: {e:?}"))
}

/// Uploads the ledger wasm (gzipped: the factory installs it as is) as the factory's newest template.
pub async fn upload_template(agent: &Agent, factory: Principal, wasm_gz: &[u8], label: &str) -> anyhow::Result<TemplateInfo> {
    let begin = TemplateUploadBegin {
        sha256: Sha256::digest(wasm_gz).to_vec(),
        label: label.to_string(),
        total_size: wasm_gz.len() as u64,
    };
    update::<_, ()>(agent, factory, "template_upload_begin", &begin).await?;
    for chunk in wasm_gz.chunks(MAX_CHUNK_BYTES) {
        update::<_, u64>(agent, factory, "template_upload_chunk", &serde_bytes::ByteBuf::from(chunk.to_vec())).await?;
    }
    update(agent, factory, "template_upload_commit", &()).await
}

/// Lets `backend` create tokens (locally the deployer stands in for the backend gateway).
pub async fn set_backend(agent: &Agent, factory: Principal, backend: Principal) -> anyhow::Result<()> {
    update(agent, factory, "set_backend", &Some(backend)).await
}

/// A small SVG logo as a data URL: a coloured disc with the symbol's first letter.
fn demo_logo(letter: char, colour: &str) -> String {
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><circle cx='32' cy='32' r='32' fill='{colour}'/>\
         <text x='32' y='42' font-size='30' text-anchor='middle' fill='white' font-family='sans-serif'>{letter}</text></svg>"
    );
    use base64::Engine;
    format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg))
}

/// Creates a demo token owned by `owner`, who holds its whole initial supply.
pub async fn create_demo_token(agent: &Agent, factory: Principal, owner: Principal, name: &str, symbol: &str) -> anyhow::Result<TokenRecord> {
    let decimals = 8u8;
    let supply = Nat::from(1_000_000u64) * Nat::from(10u64.pow(decimals as u32));
    let config = TokenConfig {
        name: name.to_string(),
        symbol: symbol.to_string(),
        decimals,
        transfer_fee: Nat::from(10_000u64),
        logo: Some(demo_logo(symbol.chars().next().unwrap_or('T'), "#4f46e5")),
        description: Some(format!("A demo token created by the local deploy for {owner}.")),
        website: None,
        initial_balances: vec![(Account::of(owner), supply)],
        minting_account: None,
        fee_collector: None,
    };
    update(agent, factory, "create_token", &CreateTokenArgs { owner, config }).await
}
