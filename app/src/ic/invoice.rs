//! Invoice storage: the caller's invoices (one per paid deployment), newest first.
use icto_shared::invoice::{InvoicePage, InvoiceStatus};

use super::agent::Client;
use super::errors::readable;

pub async fn my_invoices(client: &Client, offset: u64, limit: u64) -> Result<InvoicePage, String> {
    let (page,): (InvoicePage,) =
        client.query("get_my_invoices", (offset, limit)).await.map_err(|e| readable("The invoice storage", &e))?;
    Ok(page)
}

pub fn status_text(status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Charged => "Charged",
        InvoiceStatus::Completed => "Paid",
        InvoiceStatus::RefundPending => "Refund pending",
        InvoiceStatus::Refunded => "Refunded",
    }
}
