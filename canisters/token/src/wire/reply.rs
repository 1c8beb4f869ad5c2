//! The `Ok : nat` reply as `variant { Ok : nat }` (a subtype of every `Result<nat, E>` the clients
//! expect, by Candid variant subtyping); errors go through the `candid` encoder.

use crate::hashing::leb128::Leb128;
use candid::{CandidType, Nat};

/// DIDL, one type: variant with one field (hash of "Ok" = 17724) of type nat; one value of type 0.
const OK_NAT_PREFIX: [u8; 13] = [b'D', b'I', b'D', b'L', 1, 0x6b, 1, 0xbc, 0x8a, 0x01, 0x7d, 1, 0];

pub fn ok_index(index: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(OK_NAT_PREFIX.len() + 11);
    out.extend_from_slice(&OK_NAT_PREFIX);
    out.push(0); // variant case 0 (Ok)
    out.extend_from_slice(Leb128::new(index as u128).as_slice());
    out
}

/// A single `nat` reply (DIDL, no type table, one value of type nat).
pub fn nat(n: u128) -> Vec<u8> {
    let mut out = Vec::with_capacity(7 + 19);
    out.extend_from_slice(&[b'D', b'I', b'D', b'L', 0, 1, 0x7d]);
    out.extend_from_slice(Leb128::new(n).as_slice());
    out
}

pub fn encode_result<E: CandidType>(result: Result<u64, E>) -> Vec<u8> {
    match result {
        Ok(index) => ok_index(index),
        Err(e) => candid::encode_one(Result::<Nat, E>::Err(e)).expect("encode an error reply"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use icto_shared::token::TransferError;

    #[test]
    fn ok_reply_decodes_as_the_full_result_type() {
        for i in [0u64, 1, 127, 128, 1 << 40] {
            let r: Result<Nat, TransferError> = candid::decode_one(&ok_index(i)).unwrap();
            assert_eq!(r, Ok(Nat::from(i)));
        }
        let e = encode_result::<TransferError>(Err(TransferError::TooOld));
        let r: Result<Nat, TransferError> = candid::decode_one(&e).unwrap();
        assert_eq!(r, Err(TransferError::TooOld));
    }

    #[test]
    fn nat_reply_matches_the_candid_encoder() {
        for n in [0u128, 1, 300, u64::MAX as u128, u128::MAX] {
            assert_eq!(nat(n), candid::encode_one(Nat::from(n)).unwrap());
        }
    }
}
