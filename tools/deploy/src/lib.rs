//! Deploys ICTO: every platform canister, wired together, with funded test users and the app. The
//! `icto-deploy` binary runs it over HTTP (`agent`); the test kit runs the same steps on the devnet
//! library (`network::Network` is the seam).

pub mod agent;
pub mod app_files;
pub mod canisters;
pub mod network;
pub mod plan;
pub mod private_file;
pub mod steps;
pub mod target;

pub use steps::{deploy, Deployed, Options, TestUser};
