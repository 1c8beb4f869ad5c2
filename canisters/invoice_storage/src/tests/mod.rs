mod candid_interface;
mod invoices;
