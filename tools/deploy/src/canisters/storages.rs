//! The audit storage (the backend its only writer) and the invoice storage (the backend its only writer).

use crate::network::Network;
use crate::steps::{Deployment, Options};
use candid::Encode;
use icto_shared::audit::AuditInitArgs;
use icto_shared::invoice::InvoiceInitArgs;

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let backend = d.backend();
    let audit = AuditInitArgs { admins: vec![d.deployer], writers: vec![backend] };
    let audit_id = d.ids.audit_storage.expect("created");
    d.put_code(net, audit_id, options.wasm("audit_storage", "wasm")?, Encode!(&audit)?, Encode!()?).await?;
    let invoice = InvoiceInitArgs { admins: vec![d.deployer], backend };
    let invoice_id = d.ids.invoice_storage.expect("created");
    d.put_code(net, invoice_id, options.wasm("invoice_storage", "wasm")?, Encode!(&invoice)?, Encode!()?).await
}
