//! The replicated state of the devnet's one subnet: canisters, in-flight messages, call contexts,
//! callbacks and ingress results. Plain data, so it can be inspected and (later) persisted.
pub mod canister;
pub mod messages;

pub use canister::{Canister, CanisterSettings, InstalledCode, LogRecord};
pub use messages::{CallContext, Callback, IngressRecord, Message, Origin, Request, Response};
