//! Storables for stable structures. `Candid<T>` stores any Candid type: records that change shape add
//! `opt` fields, which Candid decodes from older bytes as `null`. `BoundedCandid<T, MAX>` is the same
//! with a declared maximum size, for keys and for values in structures that need a bound.

use candid::{CandidType, Decode, Encode};
use ic_stable_structures::storable::{Bound, Storable};
use serde::de::DeserializeOwned;
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candid<T>(pub T);

fn encode<T: CandidType>(value: &T) -> Vec<u8> {
    // Encoding a value of a derived Candid type cannot fail; stored bytes are always ours.
    Encode!(value).expect("candid encode")
}

fn decode<T: CandidType + DeserializeOwned>(bytes: &[u8]) -> T {
    Decode!(bytes, T).expect("candid decode of stored bytes")
}

impl<T: CandidType + DeserializeOwned> Storable for Candid<T> {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(encode(&self.0))
    }
    fn into_bytes(self) -> Vec<u8> {
        encode(&self.0)
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        Candid(decode(&bytes))
    }
    const BOUND: Bound = Bound::Unbounded;
}

/// A Candid value of at most `MAX` encoded bytes. Writing a larger one panics (a trap that rolls the
/// message back), so services check the sizes of what they store before they write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundedCandid<T, const MAX: u32>(pub T);

impl<T: CandidType + DeserializeOwned, const MAX: u32> Storable for BoundedCandid<T, MAX> {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(self.clone_bytes())
    }
    fn into_bytes(self) -> Vec<u8> {
        self.clone_bytes()
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        BoundedCandid(decode(&bytes))
    }
    const BOUND: Bound = Bound::Bounded { max_size: MAX, is_fixed_size: false };
}

impl<T: CandidType, const MAX: u32> BoundedCandid<T, MAX> {
    fn clone_bytes(&self) -> Vec<u8> {
        let bytes = encode(&self.0);
        assert!(bytes.len() <= MAX as usize, "a stored value of {} bytes exceeds its bound of {MAX}", bytes.len());
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::Deserialize;

    #[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
    struct V1 {
        name: String,
    }

    #[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
    struct V2 {
        name: String,
        note: Option<String>,
    }

    #[test]
    fn a_record_that_gains_an_opt_field_reads_its_old_bytes() {
        let old = Candid(V1 { name: "a".into() }).into_bytes();
        let new = Candid::<V2>::from_bytes(Cow::Owned(old));
        assert_eq!(new.0, V2 { name: "a".into(), note: None });
    }

    #[test]
    fn bounded_values_round_trip_and_refuse_to_grow_past_their_bound() {
        let small = BoundedCandid::<String, 16>("hi".into());
        assert_eq!(BoundedCandid::<String, 16>::from_bytes(small.to_bytes()).0, "hi");
        let large = BoundedCandid::<String, 16>("x".repeat(32));
        assert!(std::panic::catch_unwind(|| large.to_bytes().len()).is_err());
    }
}
