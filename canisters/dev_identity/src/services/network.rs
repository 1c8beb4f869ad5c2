//! Development-only: the provider refuses to run where its test users would be real accounts.

/// Err when the root key is the IC mainnet's: anyone could sign in as any test user there.
pub fn require_local(root_key_der: &[u8]) -> Result<(), String> {
    if root_key_der == ic_canister_sig_creation::IC_ROOT_PK_DER.as_slice() {
        return Err("dev_identity is a development tool and refuses to run on the IC mainnet (its root key is mainnet's)".into());
    }
    Ok(())
}
