//! Representation-independent hash of an ICRC-3 `Value` (the generic definition; blocks use the faster
//! `block_hash`, which a test checks against this one).

use super::sha256;
use icto_shared::token::ICRC3Value;
use sha2::{Digest, Sha256};

pub fn hash_value(value: &ICRC3Value) -> [u8; 32] {
    match value {
        ICRC3Value::Blob(b) => sha256(b),
        ICRC3Value::Text(t) => sha256(t.as_bytes()),
        ICRC3Value::Nat(n) => {
            let mut buf = Vec::new();
            n.encode(&mut buf).expect("writing to a Vec cannot fail");
            sha256(&buf)
        }
        ICRC3Value::Int(i) => {
            let mut buf = Vec::new();
            i.encode(&mut buf).expect("writing to a Vec cannot fail");
            sha256(&buf)
        }
        ICRC3Value::Array(items) => {
            let mut h = Sha256::new();
            for item in items {
                h.update(hash_value(item));
            }
            h.finalize().into()
        }
        ICRC3Value::Map(entries) => {
            let pairs = entries.iter().map(|(k, v)| (sha256(k.as_bytes()), hash_value(v))).collect();
            hash_pairs(pairs)
        }
    }
}

/// Map hash: the (key hash, value hash) pairs sorted, concatenated, hashed.
pub fn hash_pairs(mut pairs: Vec<([u8; 32], [u8; 32])>) -> [u8; 32] {
    pairs.sort_unstable();
    let mut h = Sha256::new();
    for (k, v) in &pairs {
        h.update(k);
        h.update(v);
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::Nat;

    fn hex(h: [u8; 32]) -> String {
        h.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    // Test vectors from the ICRC-3 specification.
    #[test]
    fn spec_vectors() {
        assert_eq!(
            hex(hash_value(&ICRC3Value::Nat(Nat::from(42u32)))),
            "684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1"
        );
        assert_eq!(
            hex(hash_value(&ICRC3Value::Int(candid::Int::from(-42)))),
            "de5a6f78116eca62d7fc5ce159d23ae6b889b365a1739ad2cf36f925a140d0cc"
        );
        assert_eq!(
            hex(hash_value(&ICRC3Value::Text("Hello, World!".into()))),
            "dffd6021bb2bd5b0af676290809ec3a53191dd81c7f70a4b28688a362182986f"
        );
        assert_eq!(
            hex(hash_value(&ICRC3Value::Blob(vec![1, 2, 3, 4]))),
            "9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a"
        );
        assert_eq!(
            hex(hash_value(&ICRC3Value::Array(vec![
                ICRC3Value::Nat(Nat::from(3u32)),
                ICRC3Value::Text("foo".into()),
                ICRC3Value::Blob(vec![5, 6]),
            ]))),
            "514a04011caa503990d446b7dec5d79e19c221ae607fb08b2848c67734d468d6"
        );
        assert_eq!(
            hex(hash_value(&ICRC3Value::Map(vec![
                ("from".into(), ICRC3Value::Blob(unhex("00abcdef0012340056789a00bcdef000012345678900abcdef01"))),
                ("to".into(), ICRC3Value::Blob(unhex("00ab0def0012340056789a00bcdef000012345678900abcdef01"))),
                ("amount".into(), ICRC3Value::Nat(Nat::from(42u32))),
                ("created_at".into(), ICRC3Value::Nat(Nat::from(1_699_218_263u64))),
                ("memo".into(), ICRC3Value::Nat(Nat::from(0u32))),
            ]))),
            "c56ece650e1de4269c5bdeff7875949e3e2033f85b2d193c2ff4f7f78bdcfc75"
        );
    }
}
