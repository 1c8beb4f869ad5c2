//! The canister's logic: `files` (upload, publish, list), `http` (serving) with `certification` (the
//! response certification tree) and `certified_data`; `security_headers` (CSP and the other headers every response carries).

pub mod access;
pub mod certification;
pub mod certified_data;
pub mod files;
pub mod http;
pub mod security_headers;
