//! devnet's server: the IC HTTP interface (status, call v2/v3/v4, query, read_state) with request
//! authentication and BLS-signed certificates, an HTTP gateway for canisters that serve HTTP,
//! persistent state, and the `devnet` CLI's client commands.

pub mod auth;
pub mod cli;
pub mod certificate;
pub mod core_replica;
pub mod envelope;
pub mod error;
pub mod gateway;
pub mod http;
pub mod ic_api;
pub mod keys;
pub mod launch;
pub mod node_key;
pub mod persistence;
pub mod replica;
pub mod reply_certifier;
pub mod request_id;
pub mod request_status;
pub mod root_key;
pub mod server;
pub mod state_tree;
pub mod state_view;

#[cfg(test)]
mod auth_tests;
