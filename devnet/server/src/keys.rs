//! Public keys that may sign requests and delegations, decoded from DER (SubjectPublicKeyInfo):
//! Ed25519, ECDSA P-256 and ECDSA secp256k1 (both with SHA-256, as the IC defines them).

use p256::pkcs8::DecodePublicKey;

#[derive(Debug)]
pub enum PublicKey {
    Ed25519(ic_ed25519::PublicKey),
    P256(p256::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
}

/// DER prefix of the IC's canister-signature public keys (OID 1.3.6.1.4.1.56387.1.2).
const CANISTER_SIG_OID: &[u8] = &[0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xb8, 0x43, 0x01, 0x02];

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
        if der.windows(CANISTER_SIG_OID.len()).any(|w| w == CANISTER_SIG_OID) {
            return Err("canister signature public keys are not supported by devnet".into());
        }
        Err("the public key is not a DER-encoded Ed25519, ECDSA P-256 or secp256k1 key".into())
    }

    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), String> {
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
        }
    }
}
