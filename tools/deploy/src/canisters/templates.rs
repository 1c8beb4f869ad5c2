//! What the deploy does the same way for every factory: typed calls (`Result<R, the factory's error>`),
//! and its contract template: upload the (gzipped) module in chunks as
//! the factory's newest template, unless a template with its hash is already there (a re-run uploads it
//! only when it changed; the factory refuses a template that is not newer, and existing contracts stay
//! on their version until upgraded).

use crate::network::{self, Network};
use anyhow::anyhow;
use candid::{CandidType, Principal};
use icto_shared::template::{TemplateInfo, TemplateUploadBegin};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::fmt::Debug;
use std::marker::PhantomData;

/// A factory: its id, what the log calls it ("token factory") and its error type `E`.
pub struct Factory<E> {
    pub id: Principal,
    pub name: &'static str,
    pub error: PhantomData<E>,
}

impl<E: CandidType + DeserializeOwned + Debug> Factory<E> {
    pub fn new(id: Principal, name: &'static str) -> Factory<E> {
        Factory { id, name, error: PhantomData }
    }

    /// An update that replies `Result<R, E>`, as `anyhow`.
    pub async fn call<N: Network, A: CandidType, R: CandidType + DeserializeOwned>(&self, net: &N, method: &str, arg: A) -> anyhow::Result<R> {
        let (result,): (Result<R, E>,) = network::update(net, self.id, method, (arg,)).await?;
        result.map_err(|e| anyhow!("{} {method}: {e:?}", self.name))
    }

    /// Makes `module` the factory's current template: nothing when it is there already, else an upload.
    /// `name` names the template in the log ("token", "distribution").
    pub async fn ensure_template<N: Network>(&self, net: &N, module: &[u8], name: &str, max_chunk_bytes: usize) -> anyhow::Result<()> {
        let sha256 = Sha256::digest(module).to_vec();
        let (templates,): (Vec<TemplateInfo>,) = network::query(net, self.id, "list_templates", ()).await?;
        match templates.iter().find(|t| t.sha256 == sha256) {
            Some(known) => eprintln!("{name} template v{} is current", known.version),
            None => {
                let info = self.upload_template(net, module, &format!("{name} (local build)"), max_chunk_bytes).await?;
                eprintln!("{name} template v{} uploaded ({} bytes)", info.version, info.size);
            }
        }
        Ok(())
    }

    /// Uploads `module` as the factory's newest template, in chunks of at most `max_chunk_bytes`.
    pub async fn upload_template<N: Network>(&self, net: &N, module: &[u8], label: &str, max_chunk_bytes: usize) -> anyhow::Result<TemplateInfo> {
        let begin = TemplateUploadBegin {
            sha256: Sha256::digest(module).to_vec(),
            label: label.to_string(),
            total_size: module.len() as u64,
            semver: None,
            release_notes: None,
        };
        self.call::<_, _, ()>(net, "template_upload_begin", begin).await?;
        for chunk in module.chunks(max_chunk_bytes) {
            self.call::<_, _, u64>(net, "template_upload_chunk", serde_bytes::ByteBuf::from(chunk.to_vec())).await?;
        }
        self.call(net, "template_upload_commit", ()).await
    }
}
