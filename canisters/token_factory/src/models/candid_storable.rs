//! Stores any Candid type in stable structures (records that change shape add `opt` fields, which
//! Candid decodes from older bytes).

use candid::{CandidType, Decode, Encode};
use ic_stable_structures::storable::{Bound, Storable};
use serde::de::DeserializeOwned;
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq)]
pub struct Candid<T>(pub T);

impl<T: CandidType + DeserializeOwned> Storable for Candid<T> {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(Encode!(&self.0).expect("candid encode"))
    }
    fn into_bytes(self) -> Vec<u8> {
        Encode!(&self.0).expect("candid encode")
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        Candid(Decode!(&bytes, T).expect("candid decode"))
    }
    const BOUND: Bound = Bound::Unbounded;
}
