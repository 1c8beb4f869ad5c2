//! Running the HTTP server on a replica: bind, serve, tick time-driven work, shut down.

use crate::gateway::Gateway;
use crate::http::{router, AppState};
use crate::ic_api::{DurabilityHook, IcApi};
use crate::node_key::NodeKey;
use crate::replica::Replica;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often timers and queued messages get a chance to run.
const TICK_INTERVAL: Duration = Duration::from_millis(20);

pub struct RunningServer {
    pub addr: SocketAddr,
    pub api: Arc<IcApi>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    served: tokio::task::JoinHandle<()>,
    ticking: Arc<AtomicBool>,
}

impl RunningServer {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, finishes in-flight requests, stops the ticker.
    pub async fn shutdown(mut self) {
        self.ticking.store(false, Ordering::SeqCst);
        self.api.stop();
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.served).await;
    }

    /// Waits until the server stops (it stops only on shutdown or error).
    pub async fn wait(mut self) {
        let _ = (&mut self.served).await;
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.ticking.store(false, Ordering::SeqCst);
        self.api.stop();
    }
}

/// Serves the replica on `listener` until shut down.
pub fn serve(
    replica: Arc<dyn Replica>,
    node: NodeKey,
    durability: Option<DurabilityHook>,
    listener: tokio::net::TcpListener,
) -> std::io::Result<RunningServer> {
    let addr = listener.local_addr()?;
    let api = Arc::new(IcApi::new(replica.clone(), node, durability));
    let state = AppState { api: api.clone(), gateway: Arc::new(Gateway::new(replica.clone())) };
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = router(state);
    let served = tokio::spawn(async move {
        let shutdown = async move {
            let _ = rx.await;
        };
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
            eprintln!("devnet: server error: {e}");
        }
    });
    let ticking = Arc::new(AtomicBool::new(true));
    spawn_ticker(replica, ticking.clone());
    Ok(RunningServer { addr, api, shutdown: Some(tx), served, ticking })
}

fn spawn_ticker(replica: Arc<dyn Replica>, running: Arc<AtomicBool>) {
    std::thread::Builder::new()
        .name("devnet-ticker".into())
        .spawn(move || {
            while running.load(Ordering::SeqCst) {
                replica.tick();
                std::thread::sleep(TICK_INTERVAL);
            }
        })
        .expect("spawning the ticker thread");
}
