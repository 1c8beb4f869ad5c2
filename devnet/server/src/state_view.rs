//! The certified state tree that read_state and call replies answer from: built for the requested
//! paths only (each certificate is signed on its own, so it needs only what it reveals).

use crate::certificate::self_describing_cbor;
use crate::error::ApiError;
use crate::replica::Replica;
use crate::request_id::leb128;
use crate::request_status::{RequestStatuses, Status};
use crate::state_tree::Node;
use candid::Principal;

/// The one subnet devnet runs: its id derives from the root key (a root subnet has no delegation).
pub struct Subnet {
    pub id: Principal,
    pub root_key_der: Vec<u8>,
    pub node_id: Principal,
    pub node_key_der: Vec<u8>,
}

impl Subnet {
    /// Every canister id: one range from the smallest to the largest principal.
    pub fn canister_ranges() -> Vec<(Principal, Principal)> {
        vec![(Principal::from_slice(&[]), Principal::from_slice(&[0xff; 29]))]
    }
}

/// Who asks, and for which canister (the effective canister id), or None for a subnet-addressed request.
pub struct ReadScope {
    pub sender: Principal,
    pub effective_canister: Option<Principal>,
}

/// Checks the paths and builds the tree holding their values plus `/time`.
pub fn build(
    replica: &dyn Replica,
    statuses: &RequestStatuses,
    subnet: &Subnet,
    scope: &ReadScope,
    paths: &[Vec<Vec<u8>>],
) -> Result<Node, ApiError> {
    let mut tree = Node::default();
    tree.insert(&[b"time"], leb128(replica.time_nanos() as u128));
    for path in paths {
        let Some(first) = path.first() else { continue };
        match first.as_slice() {
            b"time" | b"api_boundary_nodes" => {}
            b"request_status" => add_request_status(&mut tree, statuses, scope, path)?,
            b"canister" => add_canister(&mut tree, replica, scope, path)?,
            b"subnet" | b"canister_ranges" => add_subnet(&mut tree, subnet),
            other => {
                return Err(ApiError::not_found(format!(
                    "read_state path /{} is not supported",
                    String::from_utf8_lossy(other)
                )))
            }
        }
    }
    Ok(tree)
}

fn add_request_status(
    tree: &mut Node,
    statuses: &RequestStatuses,
    scope: &ReadScope,
    path: &[Vec<u8>],
) -> Result<(), ApiError> {
    let Some(id) = path.get(1) else { return Ok(()) };
    let Ok(id): Result<[u8; 32], _> = id.as_slice().try_into() else {
        return Err(ApiError::bad_request("request_status path holds a request id that is not 32 bytes"));
    };
    let Some(entry) = statuses.get(&id) else { return Ok(()) };
    if entry.sender != scope.sender {
        return Err(ApiError::forbidden(format!(
            "request {} was sent by {}, not by {}",
            hex::encode(id),
            entry.sender,
            scope.sender
        )));
    }
    add_status(tree, &id, &entry.status);
    Ok(())
}

/// `/request_status/<id>/...` for one request.
pub fn add_status(tree: &mut Node, id: &[u8; 32], status: &Status) {
    let at = |field: &'static [u8]| -> [&[u8]; 3] { [b"request_status", id, field] };
    match status {
        Status::Received => tree.insert(&at(b"status"), b"received".to_vec()),
        Status::Processing => tree.insert(&at(b"status"), b"processing".to_vec()),
        Status::Replied(reply) => {
            tree.insert(&at(b"status"), b"replied".to_vec());
            tree.insert(&at(b"reply"), reply.clone());
        }
        Status::Rejected(reject) => {
            tree.insert(&at(b"status"), b"rejected".to_vec());
            tree.insert(&at(b"reject_code"), leb128(reject.code as u128));
            tree.insert(&at(b"reject_message"), reject.message.as_bytes().to_vec());
            if let Some(code) = &reject.error_code {
                tree.insert(&at(b"error_code"), code.as_bytes().to_vec());
            }
        }
    }
}

fn add_canister(tree: &mut Node, replica: &dyn Replica, scope: &ReadScope, path: &[Vec<u8>]) -> Result<(), ApiError> {
    let Some(id) = path.get(1) else {
        return Err(ApiError::bad_request("read_state path /canister needs a canister id"));
    };
    let canister = Principal::try_from_slice(id)
        .map_err(|_| ApiError::bad_request("read_state path /canister/<id> holds an invalid principal"))?;
    if let Some(effective) = scope.effective_canister {
        if canister != effective {
            return Err(ApiError::bad_request(format!(
                "read_state path /canister/{canister} does not match the effective canister id {effective}"
            )));
        }
    }
    if !replica.canister_exists(&canister) {
        return Ok(());
    }
    let id = canister.as_slice();
    if let Some(hash) = replica.module_hash(&canister) {
        tree.insert(&[b"canister", id, b"module_hash"], hash.to_vec());
    }
    tree.insert(&[b"canister", id, b"controllers"], self_describing_cbor(&replica.controllers(&canister)));
    if let (Some(field), Some(name)) = (path.get(2), path.get(3)) {
        if field == b"metadata" {
            let name = std::str::from_utf8(name)
                .map_err(|_| ApiError::bad_request("metadata name is not UTF-8"))?;
            if let Some((is_public, contents)) = replica.metadata(&canister, name) {
                let allowed = is_public || replica.controllers(&canister).contains(&scope.sender);
                if !allowed {
                    return Err(ApiError::forbidden(format!(
                        "metadata section {name} of {canister} is private to its controllers"
                    )));
                }
                tree.insert(&[b"canister", id, b"metadata", name.as_bytes()], contents);
            }
        }
    }
    Ok(())
}

fn add_subnet(tree: &mut Node, subnet: &Subnet) {
    let id = subnet.id.as_slice();
    let ranges = serde_cbor::to_vec(&Subnet::canister_ranges()).expect("ranges encode");
    tree.insert(&[b"subnet", id, b"public_key"], subnet.root_key_der.clone());
    tree.insert(&[b"subnet", id, b"canister_ranges"], ranges.clone());
    tree.insert(&[b"subnet", id, b"node", subnet.node_id.as_slice(), b"public_key"], subnet.node_key_der.clone());
    tree.insert(&[b"canister_ranges", id, &[0u8; 0]], ranges);
}
