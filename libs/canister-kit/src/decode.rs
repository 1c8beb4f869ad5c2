//! Candid argument decoding with quotas, for every endpoint (`#[canister_kit::update]` and
//! `#[canister_kit::query]` decode through `args`). Without quotas a few hostile bytes can make the
//! decoder run to the instruction limit (a `vec` of a billion zero-sized values, a deeply skipped
//! extra field), which drains the canister's cycles. With them the work is bounded by the argument's
//! length: the decoding quota grows with it, the skipping quota (extra fields and arguments that the
//! method ignores) is a small constant.

use candid::utils::ArgumentDecoder;
use candid::{CandidType, Deserialize, DecoderConfig};
use icto_shared::kit::KitError;

/// Decoding cost allowed for any argument, on top of `DECODING_COST_PER_BYTE` per byte.
pub const DECODING_COST_BASE: usize = 10_000;
/// Candid's cost of honest data is a few units per byte (a blob or text 1, a small record ~3); ten
/// leaves room and still refuses data that expands (zero-sized values, repeated references).
pub const DECODING_COST_PER_BYTE: usize = 10;
/// Skipped values (fields and arguments the method does not take) cost at most this much.
pub const SKIPPING_QUOTA: usize = 10_000;

/// Reject messages stay short whatever the argument was.
const MAX_REASON_CHARS: usize = 300;

/// The empty argument list, which the IC allows in place of `DIDL\0\0`.
const EMPTY_ARGS: &[u8] = b"DIDL\x00\x00";

pub fn config_for(len: usize) -> DecoderConfig {
    let mut config = DecoderConfig::new();
    config
        .set_decoding_quota(DECODING_COST_BASE.saturating_add(len.saturating_mul(DECODING_COST_PER_BYTE)))
        .set_skipping_quota(SKIPPING_QUOTA)
        .set_full_error_message(false);
    config
}

/// Decodes a method's arguments within the quotas (no trailing bytes allowed).
pub fn decode_args<T: for<'a> ArgumentDecoder<'a>>(bytes: &[u8]) -> Result<T, KitError> {
    let bytes = if bytes.is_empty() { EMPTY_ARGS } else { bytes };
    candid::utils::decode_args_with_config(bytes, &config_for(bytes.len())).map_err(|e| {
        // `{:#}` shows the cause ("Decoding cost exceeds the limit"), not only the outer context.
        let why: String = format!("{e:#}").chars().take(MAX_REASON_CHARS).collect();
        KitError::InvalidArgument(format!("the argument does not decode: {why}"))
    })
}

/// Whether `bytes` decode as `T` within the quotas (for `canister_inspect_message`).
pub fn check<T: for<'a> ArgumentDecoder<'a>>(bytes: &[u8]) -> Result<(), KitError> {
    decode_args::<T>(bytes).map(|_| ())
}

/// The endpoint macros' decoder for methods of several (or no) arguments: traps with a readable message
/// when the argument is refused. A trap before the method runs writes nothing, and the caller gets the
/// message as the reject text.
pub fn args<T: for<'a> ArgumentDecoder<'a>>(bytes: Vec<u8>) -> T {
    decode_args(&bytes).unwrap_or_else(|e| crate::system::trap(&e.to_string()))
}

/// The endpoint macros' decoder for methods of one argument.
pub fn arg<T: CandidType + for<'a> Deserialize<'a>>(bytes: Vec<u8>) -> T {
    args::<(T,)>(bytes).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::{CandidType, Deserialize, Encode, Principal};

    #[derive(CandidType, Deserialize, Debug, PartialEq)]
    struct Args {
        owner: Principal,
        names: Vec<String>,
    }

    #[derive(CandidType, Deserialize)]
    struct WithExtra {
        owner: Principal,
        names: Vec<String>,
        extra: Vec<Vec<()>>,
    }

    #[test]
    fn honest_arguments_decode() {
        let args = Args { owner: Principal::anonymous(), names: vec!["a".repeat(1_000); 100] };
        let bytes = Encode!(&args).unwrap();
        assert_eq!(decode_args::<(Args,)>(&bytes).unwrap().0, args);
        let blob = Encode!(&serde_bytes::ByteBuf::from(vec![7u8; 1_900_000])).unwrap();
        assert_eq!(decode_args::<(serde_bytes::ByteBuf,)>(&blob).unwrap().0.len(), 1_900_000);
        assert_eq!(decode_args::<()>(&[]), Ok(()));
        assert_eq!(decode_args::<(u64, u64)>(&Encode!(&1u64, &2u64).unwrap()), Ok((1, 2)));
    }

    #[test]
    fn a_vector_of_a_million_nulls_in_a_few_bytes_is_over_the_decoding_quota() {
        // `vec null` with length 1,000,000: 12 bytes on the wire, a million values to build.
        let bytes = Encode!(&vec![(); 1_000_000]).unwrap();
        assert!(bytes.len() < 16);
        let refused = decode_args::<(Vec<()>,)>(&bytes).unwrap_err();
        assert!(matches!(&refused, KitError::InvalidArgument(m) if m.contains("cost")), "{refused:?}");
    }

    #[test]
    fn a_large_skipped_field_is_over_the_skipping_quota() {
        let hostile = WithExtra { owner: Principal::anonymous(), names: vec![], extra: vec![vec![(); 100]; 1_000] };
        let bytes = Encode!(&hostile).unwrap();
        let refused = decode_args::<(Args,)>(&bytes).unwrap_err();
        assert!(matches!(&refused, KitError::InvalidArgument(m) if m.contains("cost")), "{refused:?}");
        // The same field, small, is skipped as Candid's subtyping allows.
        let small = WithExtra { owner: Principal::anonymous(), names: vec![], extra: vec![vec![(); 2]] };
        assert!(decode_args::<(Args,)>(&Encode!(&small).unwrap()).is_ok());
    }

    #[test]
    fn malformed_and_trailing_bytes_are_refused() {
        assert!(decode_args::<(u64,)>(b"not candid").is_err());
        let mut bytes = Encode!(&1u64).unwrap();
        bytes.push(0);
        assert!(decode_args::<(u64,)>(&bytes).is_err());
        assert!(check::<(String,)>(&Encode!(&1u64).unwrap()).is_err(), "wrong type");
    }
}
