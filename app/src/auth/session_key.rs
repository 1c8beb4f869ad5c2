//! The Ed25519 session key as an ic-agent `Identity` (RFC 8032 signatures, same bytes as `BasicIdentity`).
//! Why not `BasicIdentity`: its key path multiplies by the base point through curve25519-dalek's 30 KB
//! precomputed table, which barely compresses; this one uses the table-free (still constant-time)
//! scalar multiplication, so the table drops out of the web app's wasm. Signing is once per request.
use candid::Principal;
use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::scalar::{clamp_integer, Scalar};
use ic_agent::agent::EnvelopeContent;
use ic_agent::identity::Delegation;
use ic_agent::{Identity, Signature};
use sha2::{Digest, Sha512};

/// RFC 8410 SubjectPublicKeyInfo header for an Ed25519 key; the 32 key bytes follow.
const ED25519_DER_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

pub struct SessionKey {
    secret_scalar: Scalar,
    /// Second half of SHA-512(seed): keys the deterministic nonce.
    nonce_prefix: [u8; 32],
    public_key: [u8; 32],
    der_public_key: Vec<u8>,
}

impl SessionKey {
    /// Derives the key pair from a 32-byte seed as RFC 8032 section 5.1.5 does.
    pub fn from_seed(seed: &[u8; 32]) -> SessionKey {
        let hash = Sha512::digest(seed);
        let mut low = [0u8; 32];
        low.copy_from_slice(&hash[..32]);
        let mut nonce_prefix = [0u8; 32];
        nonce_prefix.copy_from_slice(&hash[32..]);
        // The clamped integer times the base point equals its value mod the group order times it.
        let secret_scalar = Scalar::from_bytes_mod_order(clamp_integer(low));
        let public_key = (ED25519_BASEPOINT_POINT * secret_scalar).compress().to_bytes();
        let mut der_public_key = ED25519_DER_PREFIX.to_vec();
        der_public_key.extend_from_slice(&public_key);
        SessionKey { secret_scalar, nonce_prefix, public_key, der_public_key }
    }

    /// The DER (RFC 8410) public key, as Internet Identity expects for the session key.
    pub fn der_public_key(&self) -> Vec<u8> {
        self.der_public_key.clone()
    }

    /// RFC 8032 section 5.1.6 signature of `message`: R || S.
    pub fn sign_bytes(&self, message: &[u8]) -> [u8; 64] {
        let nonce = Scalar::from_hash(Sha512::new().chain_update(self.nonce_prefix).chain_update(message));
        let commitment = (ED25519_BASEPOINT_POINT * nonce).compress().to_bytes();
        let challenge = Scalar::from_hash(
            Sha512::new().chain_update(commitment).chain_update(self.public_key).chain_update(message),
        );
        let response = nonce + challenge * self.secret_scalar;
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(&commitment);
        signature[32..].copy_from_slice(response.as_bytes());
        signature
    }
}

impl Identity for SessionKey {
    fn sender(&self) -> Result<Principal, String> {
        Ok(Principal::self_authenticating(&self.der_public_key))
    }

    fn public_key(&self) -> Option<Vec<u8>> {
        Some(self.der_public_key())
    }

    fn sign(&self, content: &EnvelopeContent) -> Result<Signature, String> {
        self.sign_arbitrary(&content.to_request_id().signable())
    }

    fn sign_delegation(&self, content: &Delegation) -> Result<Signature, String> {
        self.sign_arbitrary(&content.signable())
    }

    fn sign_arbitrary(&self, content: &[u8]) -> Result<Signature, String> {
        Ok(Signature {
            signature: Some(self.sign_bytes(content).to_vec()),
            public_key: self.public_key(),
            delegations: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ic_agent::identity::BasicIdentity;

    fn seed(n: u8) -> [u8; 32] {
        core::array::from_fn(|i| (i as u8).wrapping_mul(31).wrapping_add(n))
    }

    #[test]
    fn rfc8032_test_vector_1() {
        let seed: [u8; 32] = hex::decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
            .unwrap()
            .try_into()
            .unwrap();
        let key = SessionKey::from_seed(&seed);
        assert_eq!(hex::encode(key.public_key), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assert_eq!(
            hex::encode(key.sign_bytes(b"")),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
    }

    #[test]
    fn matches_basic_identity_for_keys_and_signatures() {
        for n in 0..8u8 {
            let ours = SessionKey::from_seed(&seed(n));
            let reference = BasicIdentity::from_raw_key(&seed(n));
            assert_eq!(ours.public_key(), reference.public_key());
            assert_eq!(ours.sender(), reference.sender());
            let message = vec![n; 7 * n as usize + 1];
            assert_eq!(
                ours.sign_arbitrary(&message).unwrap().signature,
                reference.sign_arbitrary(&message).unwrap().signature
            );
        }
    }
}
