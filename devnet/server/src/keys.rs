//! Public keys that may sign requests and delegations, decoded from DER (SubjectPublicKeyInfo):
//! Ed25519, ECDSA P-256 and ECDSA secp256k1 (both with SHA-256, as the IC defines them), and canister
//! signature keys (the IC interface spec's "Canister signatures": a certificate signed by the root key
//! vouches for a path in the signing canister's certified data; Internet Identity signs this way).

use crate::root_key::BLS_DER_PREFIX;
use p256::pkcs8::DecodePublicKey;

#[derive(Debug)]
pub enum PublicKey {
    Ed25519(ic_ed25519::PublicKey),
    P256(p256::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
    /// The DER key itself: verification parses it (signing canister id and seed) with the signature.
    CanisterSignature(Vec<u8>),
}

/// DER of the IC's canister-signature public keys' algorithm: OID 1.3.6.1.4.1.56387.1.2.
const CANISTER_SIG_OID: &[u8] = &[0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xb8, 0x43, 0x01, 0x02];

/// What a signature is checked against besides the key: the root key that certifies canister signatures.
#[derive(Debug, Clone, Copy)]
pub struct TrustAnchor<'a> {
    /// DER of the network's BLS12-381 root public key.
    pub root_key_der: &'a [u8],
}

impl PublicKey {
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        if let Ok(key) = ic_ed25519::PublicKey::deserialize_rfc8410_der(der) {
            return Ok(Self::Ed25519(key));
        }
        if let Ok(key) = p256::PublicKey::from_public_key_der(der) {
            return Ok(Self::P256(key.into()));
        }
        if let Ok(key) = k256::PublicKey::from_public_key_der(der) {
            return Ok(Self::Secp256k1(key.into()));
        }
        if is_canister_signature_key(der) {
            ic_canister_sig_creation::CanisterSigPublicKey::try_from(der)
                .map_err(|e| format!("malformed canister signature public key: {e}"))?;
            return Ok(Self::CanisterSignature(der.to_vec()));
        }
        Err("the public key is not a DER-encoded Ed25519, ECDSA P-256, secp256k1 or canister signature key".into())
    }

    pub fn verify(&self, message: &[u8], signature: &[u8], anchor: TrustAnchor<'_>) -> Result<(), String> {
        let ok = match self {
            Self::Ed25519(key) => key.verify_signature(message, signature).is_ok(),
            Self::P256(key) => {
                use p256::ecdsa::signature::Verifier;
                let sig = p256::ecdsa::Signature::from_slice(signature).map_err(|_| "malformed ECDSA P-256 signature")?;
                let sig = sig.normalize_s().unwrap_or(sig);
                key.verify(message, &sig).is_ok()
            }
            Self::Secp256k1(key) => {
                use k256::ecdsa::signature::Verifier;
                let sig = k256::ecdsa::Signature::from_slice(signature).map_err(|_| "malformed secp256k1 signature")?;
                let sig = sig.normalize_s().unwrap_or(sig);
                key.verify(message, &sig).is_ok()
            }
            Self::CanisterSignature(der) => {
                let root = raw_root_key(anchor.root_key_der)?;
                return ic_signature_verification::verify_canister_sig(message, signature, der, root)
                    .map_err(|e| format!("invalid canister signature: {e}"));
            }
        };
        if ok {
            Ok(())
        } else {
            Err(format!("invalid {} signature", self.algorithm()))
        }
    }

    fn algorithm(&self) -> &'static str {
        match self {
            Self::Ed25519(_) => "Ed25519",
            Self::P256(_) => "ECDSA P-256",
            Self::Secp256k1(_) => "ECDSA secp256k1",
            Self::CanisterSignature(_) => "canister",
        }
    }
}

/// `SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.56387.1.2 } BIT STRING }`: the algorithm sits right after the
/// two sequence headers (short-form lengths: canister signature keys are far below 128 bytes).
fn is_canister_signature_key(der: &[u8]) -> bool {
    der.len() > 4 + CANISTER_SIG_OID.len() && der[0] == 0x30 && der[2] == 0x30 && der[4..4 + CANISTER_SIG_OID.len()] == *CANISTER_SIG_OID
}

fn raw_root_key(der: &[u8]) -> Result<&[u8], String> {
    match der.strip_prefix(BLS_DER_PREFIX.as_slice()) {
        Some(raw) if raw.len() == 96 => Ok(raw),
        _ => Err(format!("the root key is not a DER BLS12-381 G2 key ({} bytes)", der.len())),
    }
}
