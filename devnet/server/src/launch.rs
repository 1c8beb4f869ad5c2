//! `devnet start`: a real-time devnet (restored from `--state DIR` if present) served over HTTP.

use crate::core_replica::CoreReplica;
use crate::ic_api::DurabilityHook;
use crate::node_key::NodeKey;
use crate::persistence::{write_atomically, Persister, StateStore};
use crate::server::{serve, RunningServer};
use anyhow::Context;
use devnet::Devnet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Timers change state with no client waiting: flush such changes this often.
const BACKGROUND_FLUSH: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Default)]
pub struct LaunchConfig {
    /// 0 picks a free port.
    pub port: u16,
    pub state_dir: Option<PathBuf>,
    /// Where to write the root key DER (default: `<state>/root_key.der`, or a temp file).
    pub root_key_out: Option<PathBuf>,
}

pub struct Launched {
    pub server: RunningServer,
    pub devnet: Arc<Devnet>,
    pub persister: Option<Arc<Persister>>,
    pub root_key_path: PathBuf,
}

impl Launched {
    /// Flushes state (if persistent) and stops the server.
    pub async fn stop(self) -> anyhow::Result<()> {
        self.server.shutdown().await;
        if let Some(p) = &self.persister {
            p.commit()?;
        }
        Ok(())
    }
}

pub async fn launch(config: LaunchConfig) -> anyhow::Result<Launched> {
    let store = config.state_dir.as_deref().map(StateStore::open).transpose()?;
    let devnet = match store.as_ref().map(|s| s.load()).transpose()?.flatten() {
        Some(snapshot) => Devnet::from_snapshot(snapshot, true).map_err(anyhow::Error::msg).context("restoring the state")?,
        None => Devnet::builder().real_time(true).build(),
    };
    let devnet = Arc::new(devnet);
    let node = match &store {
        Some(s) => NodeKey::from_seed(&s.node_seed()?),
        None => NodeKey::random(),
    };
    let root_key_path = match (&config.root_key_out, &store) {
        (Some(path), _) => path.clone(),
        (None, Some(s)) => s.root_key_path(),
        (None, None) => std::env::temp_dir().join(format!("devnet-root-key-{}.der", std::process::id())),
    };
    write_atomically(&root_key_path, &devnet.root_key_der())
        .with_context(|| format!("writing the root key to {}", root_key_path.display()))?;
    let persister = store.map(|s| Arc::new(Persister::new(devnet.clone(), s)));
    if let Some(p) = &persister {
        p.commit().context("writing the initial snapshot")?;
        spawn_background_flush(Arc::downgrade(p));
    }
    let hook: Option<DurabilityHook> = persister.clone().map(|p| Arc::new(move || p.commit()) as DurabilityHook);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port))
        .await
        .with_context(|| format!("binding 127.0.0.1:{}", config.port))?;
    let server = serve(Arc::new(CoreReplica::new(devnet.clone())), node, hook, listener)?;
    Ok(Launched { server, devnet, persister, root_key_path })
}

fn spawn_background_flush(persister: std::sync::Weak<Persister>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(BACKGROUND_FLUSH);
        let Some(p) = persister.upgrade() else { return };
        if let Err(e) = p.commit() {
            eprintln!("devnet: background snapshot failed: {e:#}");
        }
    });
}
