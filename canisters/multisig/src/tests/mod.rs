mod candid_interface;
mod execution;
mod policy;
mod proposals;
mod support;
