//! Wallet canisters whose install failed, kept for the next wallet (the kit's `SparePool`).

use crate::memory;
use canister_kit::deploy::SparePool;

pub const SPARES: SparePool = SparePool::new(memory::SPARE_CANISTERS);
