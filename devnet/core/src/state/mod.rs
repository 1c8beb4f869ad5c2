//! The replicated state of the devnet's one subnet: canisters, in-flight messages, call contexts,
//! callbacks and ingress results. Plain data, persisted by `persistence`.
pub mod canister;
pub mod messages;

pub use canister::{Canister, CanisterSettings, InstalledCode, LogRecord};
pub use messages::{CallContext, Callback, HeldResponse, IngressRecord, Message, Origin, Request, Response};
