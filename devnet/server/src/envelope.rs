//! Decoding of the CBOR request envelope `{content, sender_pubkey?, sender_sig?, sender_delegation?}`.

use crate::error::ApiError;
use crate::request_id::hash_of_map;
use ic_transport_types::{EnvelopeContent, SignedDelegation};
use serde_cbor::Value;

/// A decoded envelope with its request id. `delegation_values` keep each delegation's raw CBOR so its
/// signed hash covers every field the client sent.
#[derive(Debug, Clone)]
pub struct SignedRequest {
    pub content: EnvelopeContent,
    pub request_id: [u8; 32],
    pub sender_pubkey: Option<Vec<u8>>,
    pub sender_sig: Option<Vec<u8>>,
    pub delegations: Vec<SignedDelegation>,
    pub delegation_hashes: Vec<[u8; 32]>,
}

/// The spec's limit on the delegation chain length.
pub const MAX_DELEGATIONS: usize = 20;

pub fn decode(body: &[u8]) -> Result<SignedRequest, ApiError> {
    let value: Value = serde_cbor::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("could not decode the CBOR request body: {e}")))?;
    let value = untag(value);
    let Value::Map(mut map) = value else {
        return Err(ApiError::bad_request("the CBOR request body is not a map (envelope)"));
    };
    let content = map
        .remove(&Value::Text("content".into()))
        .map(untag)
        .ok_or_else(|| ApiError::bad_request("the envelope has no `content` field"))?;
    let request_id = hash_of_map(&content)
        .ok_or_else(|| ApiError::bad_request("the request content holds values a request id cannot hash"))?;
    let content: EnvelopeContent = serde_cbor::value::from_value(content)
        .map_err(|e| ApiError::bad_request(format!("invalid request content: {e}")))?;
    let sender_pubkey = optional_bytes(&mut map, "sender_pubkey")?;
    let sender_sig = optional_bytes(&mut map, "sender_sig")?;
    let (delegations, delegation_hashes) = match map.remove(&Value::Text("sender_delegation".into())) {
        None | Some(Value::Null) => (Vec::new(), Vec::new()),
        Some(Value::Array(items)) => {
            if items.len() > MAX_DELEGATIONS {
                return Err(ApiError::bad_request(format!(
                    "the delegation chain has {} delegations; at most {MAX_DELEGATIONS} are allowed",
                    items.len()
                )));
            }
            let mut delegations = Vec::with_capacity(items.len());
            let mut hashes = Vec::with_capacity(items.len());
            for item in items {
                let item = untag(item);
                let hash = match &item {
                    Value::Map(m) => m.get(&Value::Text("delegation".into())).and_then(hash_of_map),
                    _ => None,
                }
                .ok_or_else(|| ApiError::bad_request("a sender_delegation entry has no valid `delegation` map"))?;
                let signed: SignedDelegation = serde_cbor::value::from_value(item)
                    .map_err(|e| ApiError::bad_request(format!("invalid sender_delegation entry: {e}")))?;
                delegations.push(signed);
                hashes.push(hash);
            }
            (delegations, hashes)
        }
        Some(_) => return Err(ApiError::bad_request("sender_delegation is not an array")),
    };
    Ok(SignedRequest { content, request_id, sender_pubkey, sender_sig, delegations, delegation_hashes })
}

fn optional_bytes(
    map: &mut std::collections::BTreeMap<Value, Value>,
    field: &str,
) -> Result<Option<Vec<u8>>, ApiError> {
    match map.remove(&Value::Text(field.into())).map(untag) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bytes(b)) => Ok(Some(b)),
        Some(_) => Err(ApiError::bad_request(format!("`{field}` must be a byte string"))),
    }
}

/// Strips CBOR tags (the self-describing tag 55799 in particular).
fn untag(value: Value) -> Value {
    match value {
        Value::Tag(_, inner) => untag(*inner),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::Principal;
    use ic_transport_types::Envelope;
    use std::borrow::Cow;

    fn query_content() -> EnvelopeContent {
        EnvelopeContent::Query {
            ingress_expiry: 42,
            sender: Principal::anonymous(),
            canister_id: Principal::from_slice(&[0, 0, 0, 0, 0, 0, 0, 1, 1, 1]),
            method_name: "get".into(),
            arg: vec![],
            nonce: None,
            sender_info: None,
        }
    }

    #[test]
    fn decodes_a_tagged_envelope_and_computes_its_request_id() {
        let content = query_content();
        let envelope = Envelope {
            content: Cow::Borrowed(&content),
            sender_pubkey: None,
            sender_sig: None,
            sender_delegation: None,
        };
        let request = decode(&envelope.encode_bytes()).unwrap();
        assert_eq!(request.request_id, *content.to_request_id());
        assert!(matches!(request.content, EnvelopeContent::Query { .. }));
    }

    #[test]
    fn rejects_garbage_with_a_message() {
        let err = decode(b"\xff\x00garbage").unwrap_err();
        assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST);
        assert!(err.message.contains("CBOR"), "{}", err.message);
    }

    #[test]
    fn rejects_an_envelope_without_content() {
        let body = serde_cbor::to_vec(&std::collections::BTreeMap::from([("sender_sig", 1)])).unwrap();
        assert!(decode(&body).unwrap_err().message.contains("content"));
    }

    #[test]
    fn rejects_more_than_twenty_delegations() {
        let content = query_content();
        let delegation = SignedDelegation {
            delegation: ic_transport_types::Delegation {
                pubkey: vec![1],
                expiration: 1,
                targets: None,
                permissions: None,
            },
            signature: vec![2],
        };
        let envelope = Envelope {
            content: Cow::Borrowed(&content),
            sender_pubkey: Some(vec![1]),
            sender_sig: Some(vec![1]),
            sender_delegation: Some(vec![delegation; 21]),
        };
        assert!(decode(&envelope.encode_bytes()).unwrap_err().message.contains("at most 20"));
    }
}
