//! Fast Candid for the hot update calls: a small decoder for the argument records that the three
//! transaction methods take, and a fixed encoding of their `Ok` reply. Anything the fast decoder does
//! not fully understand goes to the `candid` crate's decoder, so results never differ, only cost.

pub mod fast_decode;
pub mod reply;
