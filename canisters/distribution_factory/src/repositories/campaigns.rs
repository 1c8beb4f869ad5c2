//! Deployed campaigns in the kit's contract store (`canister_kit::contracts`): records by canister id,
//! the public list by position, creators and recipients in the role index, and each campaign's code
//! changes.

use crate::memory;
use canister_kit::contracts::{ContractMemories, ContractRecords, Contracts};
use icto_shared::distribution_factory::CampaignRecord;
use std::cell::RefCell;

const MEMORIES: ContractMemories = ContractMemories {
    records: memory::CAMPAIGNS,
    by_position: memory::CAMPAIGNS_BY_SEQ,
    role_entries: memory::ROLE_ENTRIES,
    role_positions: memory::ROLE_POSITIONS,
    role_counts: memory::ROLE_COUNTS,
    history: memory::DEPLOY_HISTORY,
};

thread_local! {
    static STORE: RefCell<ContractRecords<CampaignRecord>> = RefCell::new(ContractRecords::init(MEMORIES));
}

/// The campaigns (creator: `Owner`, recipient: `Recipient`).
pub static CAMPAIGNS: Contracts<CampaignRecord> = Contracts::new(&STORE);
