//! Request ids: the representation-independent hash of a request's `content` map (IC interface spec,
//! "Request ids"). Computed from the decoded CBOR value rather than from a typed struct so that fields
//! this server does not model still count, exactly as the client counted them.

use serde_cbor::Value;
use sha2::{Digest, Sha256};

/// Hash of a CBOR value as the spec defines it for request ids; `None` for kinds it does not allow
/// (floats, booleans, null, negative integers).
pub fn hash_value(value: &Value) -> Option<[u8; 32]> {
    match value {
        Value::Bytes(b) => Some(sha256(b)),
        Value::Text(t) => Some(sha256(t.as_bytes())),
        Value::Integer(i) if *i >= 0 => Some(sha256(&leb128(*i as u128))),
        Value::Array(items) => {
            let mut hasher = Sha256::new();
            for item in items {
                hasher.update(hash_value(item)?);
            }
            Some(hasher.finalize().into())
        }
        Value::Map(_) => hash_of_map(value),
        Value::Tag(_, inner) => hash_value(inner),
        _ => None,
    }
}

/// `hash_of_map`: sorted concatenation of `H(key) ++ H(value)` over all entries, hashed.
pub fn hash_of_map(value: &Value) -> Option<[u8; 32]> {
    let Value::Map(map) = value else { return None };
    let mut pairs = Vec::with_capacity(map.len());
    for (key, val) in map {
        let Value::Text(key) = key else { return None };
        let mut pair = Vec::with_capacity(64);
        pair.extend_from_slice(&sha256(key.as_bytes()));
        pair.extend_from_slice(&hash_value(val)?);
        pairs.push(pair);
    }
    pairs.sort();
    let mut hasher = Sha256::new();
    for pair in pairs {
        hasher.update(pair);
    }
    Some(hasher.finalize().into())
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

pub use devnet::certification::leb128;

#[cfg(test)]
mod tests {
    use super::*;
    use candid::Principal;
    use ic_transport_types::EnvelopeContent;

    #[test]
    fn matches_ic_transport_types_for_a_call() {
        let content = EnvelopeContent::Call {
            nonce: Some(vec![1, 2, 3]),
            ingress_expiry: 1_700_000_000_000_000_000,
            sender: Principal::anonymous(),
            canister_id: Principal::from_slice(&[0, 0, 0, 0, 0, 0, 0, 1, 1, 1]),
            method_name: "inc".into(),
            arg: b"DIDL\x00\x00".to_vec(),
            sender_info: None,
        };
        let value: Value = serde_cbor::value::to_value(&content).unwrap();
        assert_eq!(hash_of_map(&value).unwrap(), *content.to_request_id());
    }

    #[test]
    fn matches_the_spec_example() {
        // The interface specification's worked example of a request id.
        let mut map = std::collections::BTreeMap::new();
        map.insert(Value::Text("request_type".into()), Value::Text("call".into()));
        map.insert(Value::Text("sender".into()), Value::Bytes(vec![0x04]));
        map.insert(Value::Text("ingress_expiry".into()), Value::Integer(1685570400000000000));
        map.insert(Value::Text("canister_id".into()), Value::Bytes(hex::decode("00000000000004D2").unwrap()));
        map.insert(Value::Text("method_name".into()), Value::Text("hello".into()));
        map.insert(Value::Text("arg".into()), Value::Bytes(b"DIDL\x00\xFD*".to_vec()));
        let id = hash_of_map(&Value::Map(map)).unwrap();
        assert_eq!(hex::encode(id), "1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101");
    }

    #[test]
    fn rejects_floats() {
        assert!(hash_value(&Value::Float(1.0)).is_none());
    }
}
