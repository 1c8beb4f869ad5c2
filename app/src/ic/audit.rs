//! Audit storage: entries a page at a time, and the chain checked in the browser against the tip the IC
//! certified (the certificate is verified with the network's root key before its data is trusted).
use candid::Principal;
use ic_agent::Certificate;
use icto_shared::audit::{verify_chain, AuditEntry, AuditError, AuditPage, TipCertificate, VerifyError};

use super::agent::Client;
use super::errors::readable;

const WHAT: &str = "The audit storage";
const FETCH_PAGE: u64 = icto_shared::pagination::MAX_PAGE;

pub async fn entries(client: &Client, start: u64, limit: u64) -> Result<AuditPage, String> {
    let (page,): (Result<AuditPage, AuditError>,) =
        client.query("get_entries", (start, limit)).await.map_err(|e| readable(WHAT, &e))?;
    page.map_err(|e| match e {
        AuditError::Unauthorized => "Only an admin may read the whole audit log.".to_string(),
        AuditError::InvalidArgument(why) => format!("The audit storage refused: {why}"),
    })
}

/// How the chain checked out.
#[derive(Clone, Debug, PartialEq)]
pub enum ChainCheck {
    Verified { length: u64 },
    BrokenAt(u64),
    /// The entries are intact but are not the chain the IC certified.
    TipMismatch,
}

/// Reads the certified tip, verifies its certificate, reads every entry up to it and recomputes the chain.
pub async fn verify(client: &Client) -> Result<ChainCheck, String> {
    let (tip,): (TipCertificate,) = client.query("get_tip_certificate", ()).await.map_err(|e| readable(WHAT, &e))?;
    let certified = certified_data(client, &tip)?;
    let mut all: Vec<AuditEntry> = Vec::with_capacity(tip.length as usize);
    while (all.len() as u64) < tip.length {
        let page = entries(client, all.len() as u64, FETCH_PAGE.min(tip.length - all.len() as u64)).await?;
        if page.items.is_empty() {
            break;
        }
        all.extend(page.items);
    }
    all.truncate(tip.length as usize);
    Ok(match verify_chain(&all, &certified) {
        Ok(()) => ChainCheck::Verified { length: tip.length },
        Err(VerifyError::BrokenAt { index }) => ChainCheck::BrokenAt(index),
        Err(VerifyError::TipMismatch) => ChainCheck::TipMismatch,
    })
}

/// The canister's certified data, from a certificate signed for it by the network (root key checked).
fn certified_data(client: &Client, tip: &TipCertificate) -> Result<Vec<u8>, String> {
    let bytes = tip.certificate.as_ref().ok_or("The audit storage sent no certificate for its tip.")?;
    let certificate: Certificate =
        serde_cbor::from_slice(bytes).map_err(|_| "The audit tip's certificate is malformed.".to_string())?;
    let canister: Principal = client.canister;
    client
        .connection
        .agent
        .verify(&certificate, canister)
        .map_err(|_| "The audit tip's certificate is not signed by the network.".to_string())?;
    let data = ic_agent::lookup_value(&certificate, [b"canister".as_slice(), canister.as_slice(), b"certified_data".as_slice()])
        .map_err(|_| "The certificate does not cover the audit storage's data.".to_string())?;
    // `verify_chain` ties the entries to this: the tip it recomputes must be what the IC certified.
    Ok(data.to_vec())
}
