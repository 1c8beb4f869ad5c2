//! The IC HTTP interface's logic (status, call, query, read_state), independent of the HTTP
//! framework: bytes in, status code and CBOR bytes out.

use crate::auth::authenticate;
use crate::certificate::self_describing_cbor;
use crate::envelope::{decode, SignedRequest};
use crate::error::ApiError;
use crate::node_key::NodeKey;
use crate::replica::{Reject, Replica};
use crate::reply_certifier::ReplyCertifier;
use crate::request_status::{RequestStatuses, Status};
use crate::state_view::{self, ReadScope, Subnet};
use candid::Principal;
use ic_transport_types::{EnvelopeContent, QueryResponse, RejectCode, RejectResponse, ReplyResponse};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Largest ingress message (method name and argument), as on the IC: 2 MiB.
pub const MAX_INGRESS_BYTES: usize = 2 * 1024 * 1024;

/// Whether a request addressed a canister (`/api/vN/canister/<id>/...`) or the subnet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Canister(Principal),
    Subnet(Principal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallVersion {
    /// Asynchronous: 202, then poll read_state.
    V2,
    /// Synchronous: the certified reply (or 202 if execution outlasts the wait).
    Sync,
}

pub struct Answer {
    pub accepted: bool,
    pub body: Vec<u8>,
}

/// Runs before an update call's outcome is told to the client (persistence: nothing acknowledged is lost).
pub type DurabilityHook = Arc<dyn Fn() -> anyhow::Result<()> + Send + Sync>;

pub struct IcApi {
    replica: Arc<dyn Replica>,
    statuses: RequestStatuses,
    node: NodeKey,
    subnet: Subnet,
    durability: Option<DurabilityHook>,
    reply_certifier: ReplyCertifier,
    /// How long a synchronous call waits for its outcome before answering 202.
    pub sync_call_wait: Duration,
    /// Set when the server stops: calls still running stop being awaited.
    stopping: AtomicBool,
}

impl IcApi {
    pub fn new(replica: Arc<dyn Replica>, node: NodeKey, durability: Option<DurabilityHook>) -> Self {
        let root_key_der = replica.root_key_der();
        let subnet = Subnet {
            id: Principal::self_authenticating(&root_key_der),
            root_key_der,
            node_id: node.node_id,
            node_key_der: node.public_key_der(),
        };
        Self {
            replica,
            statuses: RequestStatuses::default(),
            node,
            subnet,
            durability,
            reply_certifier: ReplyCertifier::default(),
            sync_call_wait: Duration::from_secs(10),
            stopping: AtomicBool::new(false),
        }
    }

    /// Stops awaiting calls still running (on shutdown).
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }

    pub fn replica(&self) -> &Arc<dyn Replica> {
        &self.replica
    }

    pub fn subnet_id(&self) -> Principal {
        self.subnet.id
    }

    pub fn status(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Status<'a> {
            #[serde(with = "serde_bytes")]
            root_key: &'a [u8],
            impl_version: &'a str,
            replica_health_status: &'a str,
        }
        self_describing_cbor(&Status {
            root_key: &self.subnet.root_key_der,
            impl_version: concat!("devnet-", env!("CARGO_PKG_VERSION")),
            replica_health_status: "healthy",
        })
    }

    pub async fn call(self: &Arc<Self>, scope: Scope, version: CallVersion, body: &[u8]) -> Result<Answer, ApiError> {
        let request = decode(body)?;
        let EnvelopeContent::Call { canister_id, sender, method_name, arg, ingress_expiry, .. } = &request.content else {
            return Err(ApiError::bad_request(format!("expected a call request, got {}", kind(&request))));
        };
        let target = self.check_scope(scope, *canister_id)?;
        authenticate(&request, self.replica.time_nanos(), Some(target), &self.subnet.root_key_der)?;
        let id = request.request_id;
        if !self.statuses.admit(id, *sender, *ingress_expiry) {
            // A duplicate: the IC ignores it; answer with what is known so far.
            return Ok(self.call_answer(version, &id).unwrap_or(Answer { accepted: true, body: Vec::new() }));
        }
        let (canister, sender, method, arg) = (*canister_id, *sender, method_name.clone(), arg.clone());
        if method.len() + arg.len() > MAX_INGRESS_BYTES {
            self.statuses.forget(&id);
            return Err(ApiError::payload_too_large(format!(
                "the call's method name and argument have {} bytes, more than the {MAX_INGRESS_BYTES} an ingress message may have",
                method.len() + arg.len()
            )));
        }
        // The IC's checks before a call enters the state run now; a refusal is answered at once
        // and never certified.
        let replica = self.replica.clone();
        let submitted = tokio::task::spawn_blocking(move || replica.submit_update(id, canister, sender, &method, arg))
            .await
            .map_err(|e| ApiError::internal(format!("call submission failed: {e}")))?;
        if let Err(reject) = submitted {
            self.statuses.forget(&id);
            return Ok(Answer { accepted: false, body: non_replicated_rejection(version, reject) });
        }
        self.statuses.set(&id, Status::Processing);
        let this = self.clone();
        // Waiting for the outcome and certifying it (signing blocks) run off the async workers;
        // the execution itself interleaves with other calls inside the replica.
        let done = tokio::task::spawn_blocking(move || {
            this.finish_update(id)?;
            Ok::<_, anyhow::Error>(this.call_answer(version, &id).expect("status recorded"))
        });
        if version == CallVersion::V2 {
            return Ok(Answer { accepted: true, body: Vec::new() });
        }
        match tokio::time::timeout(self.sync_call_wait, done).await {
            Ok(Ok(Ok(answer))) => Ok(answer),
            Ok(Ok(Err(e))) => Err(ApiError::internal(format!("could not persist the call's outcome: {e}"))),
            Ok(Err(join)) => Err(ApiError::internal(format!("call execution failed: {join}"))),
            Err(_elapsed) => Ok(Answer { accepted: true, body: Vec::new() }),
        }
    }

    /// Waits for an accepted call's outcome, makes it durable, then records it.
    fn finish_update(&self, id: [u8; 32]) -> anyhow::Result<()> {
        let result = loop {
            if let Some(result) = self.replica.await_update(id, Duration::from_millis(500)) {
                break result;
            }
            if self.stopping.load(Ordering::SeqCst) {
                return Ok(());
            }
        };
        let persisted = match &self.durability {
            Some(hook) => hook(),
            None => Ok(()),
        };
        self.statuses.set(&id, Status::from_result(result));
        persisted
    }

    /// The synchronous reply for a finished call: `{status: "replied", certificate}`.
    fn call_answer(&self, version: CallVersion, id: &[u8; 32]) -> Option<Answer> {
        let entry = self.statuses.get(id)?;
        if version == CallVersion::V2 || matches!(entry.status, Status::Received | Status::Processing) {
            return Some(Answer { accepted: true, body: Vec::new() });
        }
        let certificate = self.reply_certifier.certificate(&*self.replica, *id, entry.status);
        #[derive(Serialize)]
        struct Replied {
            status: &'static str,
            #[serde(with = "serde_bytes")]
            certificate: Vec<u8>,
        }
        Some(Answer { accepted: false, body: self_describing_cbor(&Replied { status: "replied", certificate }) })
    }

    pub async fn query(self: &Arc<Self>, scope: Scope, body: &[u8]) -> Result<Answer, ApiError> {
        let request = decode(body)?;
        let EnvelopeContent::Query { canister_id, sender, method_name, arg, .. } = &request.content else {
            return Err(ApiError::bad_request(format!("expected a query request, got {}", kind(&request))));
        };
        let target = self.check_scope(scope, *canister_id)?;
        authenticate(&request, self.replica.time_nanos(), Some(target), &self.subnet.root_key_der)?;
        let (canister, sender, method, arg) = (*canister_id, *sender, method_name.clone(), arg.clone());
        let replica = self.replica.clone();
        let result = tokio::task::spawn_blocking(move || {
            if !replica.canister_exists(&canister) {
                return Err(Reject::destination_invalid(&canister));
            }
            replica.query_call(canister, sender, &method, arg)
        })
        .await
        .map_err(|e| ApiError::internal(format!("query execution failed: {e}")))?;
        let response = match result {
            Ok(reply) => QueryResponse::Replied { reply: ReplyResponse { arg: reply }, signatures: vec![] },
            Err(reject) => QueryResponse::Rejected { reject: to_reject_response(reject), signatures: vec![] },
        };
        let signed = self.node.sign_query_response(response, request.request_id, self.replica.time_nanos());
        Ok(Answer { accepted: false, body: self_describing_cbor(&signed) })
    }

    pub async fn read_state(self: &Arc<Self>, scope: Scope, body: &[u8]) -> Result<Answer, ApiError> {
        let request = decode(body)?;
        let EnvelopeContent::ReadState { sender, paths, .. } = &request.content else {
            return Err(ApiError::bad_request(format!("expected a read_state request, got {}", kind(&request))));
        };
        let effective_canister = match scope {
            Scope::Canister(c) => Some(c),
            Scope::Subnet(s) => {
                self.check_subnet(s)?;
                None
            }
        };
        authenticate(&request, self.replica.time_nanos(), effective_canister, &self.subnet.root_key_der)?;
        let paths: Vec<Vec<Vec<u8>>> =
            paths.iter().map(|p| p.iter().map(|l| l.as_bytes().to_vec()).collect()).collect();
        let read_scope = ReadScope { sender: *sender, effective_canister };
        let tree = state_view::build(&*self.replica, &self.statuses, &self.subnet, &read_scope, &paths)?;
        let mut requested = paths.clone();
        requested.push(vec![b"time".to_vec()]);
        let certificate = self.replica.certify(tree.witness(&requested));
        #[derive(Serialize)]
        struct ReadStateResponse {
            #[serde(with = "serde_bytes")]
            certificate: Vec<u8>,
        }
        self.statuses.prune(self.replica.time_nanos());
        Ok(Answer { accepted: false, body: self_describing_cbor(&ReadStateResponse { certificate }) })
    }

    /// The canister the request really targets, checked against the URL's effective id.
    fn check_scope(&self, scope: Scope, canister_id: Principal) -> Result<Principal, ApiError> {
        match scope {
            Scope::Canister(effective) => {
                if canister_id != effective && canister_id != Principal::management_canister() {
                    return Err(ApiError::bad_request(format!(
                        "the request's canister_id {canister_id} does not match the effective canister id {effective} in the URL"
                    )));
                }
                Ok(if canister_id == Principal::management_canister() { effective } else { canister_id })
            }
            Scope::Subnet(subnet) => {
                self.check_subnet(subnet)?;
                Ok(canister_id)
            }
        }
    }

    fn check_subnet(&self, subnet: Principal) -> Result<(), ApiError> {
        if subnet != self.subnet.id {
            return Err(ApiError::not_found(format!("unknown subnet {subnet}; devnet's subnet is {}", self.subnet.id)));
        }
        Ok(())
    }
}

fn kind(request: &SignedRequest) -> &'static str {
    match request.content {
        EnvelopeContent::Call { .. } => "a call",
        EnvelopeContent::Query { .. } => "a query",
        EnvelopeContent::ReadState { .. } => "a read_state",
    }
}

/// The body of an immediate refusal: v3/v4 `{status: "non_replicated_rejection", ...}`, v2 the
/// reject fields alone (interface spec, "Request: Call" and "Request: Asynchronous Call").
fn non_replicated_rejection(version: CallVersion, reject: Reject) -> Vec<u8> {
    #[derive(Serialize)]
    struct Rejection {
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<&'static str>,
        reject_code: u64,
        reject_message: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        error_code: Option<String>,
    }
    let status = (version == CallVersion::Sync).then_some("non_replicated_rejection");
    self_describing_cbor(&Rejection { status, reject_code: reject.code, reject_message: reject.message, error_code: reject.error_code })
}

fn to_reject_response(reject: Reject) -> RejectResponse {
    RejectResponse {
        reject_code: RejectCode::try_from(reject.code).unwrap_or(RejectCode::SysFatal),
        reject_message: reject.message,
        error_code: reject.error_code,
    }
}
