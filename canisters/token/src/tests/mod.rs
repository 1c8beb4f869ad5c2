//! Host unit tests of the ledger services (stable structures run on heap memory on the host).

mod candid_interface;
mod ledger;
