//! Deployed wallets in the kit's contract store (`canister_kit::contracts`): records by canister id, the
//! public list by position, creators, signers and observers in the role index, and each wallet's code
//! changes.

use crate::memory;
use canister_kit::contracts::{ContractMemories, ContractRecords, Contracts};
use icto_shared::multisig_factory::WalletRecord;
use std::cell::RefCell;

const MEMORIES: ContractMemories = ContractMemories {
    records: memory::WALLETS,
    by_position: memory::WALLETS_BY_SEQ,
    role_entries: memory::ROLE_ENTRIES,
    role_positions: memory::ROLE_POSITIONS,
    role_counts: memory::ROLE_COUNTS,
    history: memory::DEPLOY_HISTORY,
};

thread_local! {
    static STORE: RefCell<ContractRecords<WalletRecord>> = RefCell::new(ContractRecords::init(MEMORIES));
}

/// The wallets (creator: `Owner`, `Signer`, `Observer`).
pub static WALLETS: Contracts<WalletRecord> = Contracts::new(&STORE);
