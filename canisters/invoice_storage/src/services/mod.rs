//! Invoice logic: access and the invoices.

pub mod access;
pub mod invoices;
