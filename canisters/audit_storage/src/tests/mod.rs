mod candid_interface;
mod chain;
