//! A multisig wallet's contract: the wallet, its proposals and votes, history and address book; every
//! refusal as a sentence (`describe_multisig_error`), never the replica's text.
use candid::{Nat, Principal};
use icto_shared::multisig::{
    AddressBookEntry, HistoryPage, MultisigError, ProposalFilter, ProposalInfo, ProposalPage,
    ProposalStatus, ProposeArgs, WalletInfo,
};
use icto_shared::pagination::PageRequest;
use icto_shared::token::Account;

use super::agent::{Client, Connection};
use super::errors::readable;
use crate::format::{format_amount, short_principal};

const WHAT: &str = "The wallet";

/// A refused call, as the page shows it.
pub type Answer<T> = Result<Result<T, MultisigError>, String>;

pub fn wallet(connection: Connection, canister: Principal) -> Client {
    Client::new(connection, canister)
}

pub async fn get_wallet(client: &Client) -> Answer<WalletInfo> {
    let (r,): (Result<WalletInfo, MultisigError>,) = client.query("get_wallet", ()).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

pub async fn list_proposals(client: &Client, filter: ProposalFilter, offset: u64, limit: u64) -> Answer<ProposalPage> {
    let (r,): (Result<ProposalPage, MultisigError>,) =
        client.query("list_proposals", (filter, PageRequest::new(offset, limit))).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

pub async fn get_history(client: &Client, offset: u64, limit: u64) -> Answer<HistoryPage> {
    let (r,): (Result<HistoryPage, MultisigError>,) =
        client.query("get_history", (PageRequest::new(offset, limit),)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

pub async fn get_address_book(client: &Client) -> Answer<Vec<AddressBookEntry>> {
    let (r,): (Result<Vec<AddressBookEntry>, MultisigError>,) =
        client.query("get_address_book", ()).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

pub async fn propose(client: &Client, args: ProposeArgs) -> Answer<ProposalInfo> {
    let (r,): (Result<ProposalInfo, MultisigError>,) = client.update("propose", (args,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

/// `approve` or `reject` with an optional reason.
pub async fn vote(client: &Client, approve: bool, id: u64, reason: Option<String>) -> Answer<ProposalInfo> {
    let method = if approve { "approve" } else { "reject" };
    let (r,): (Result<ProposalInfo, MultisigError>,) = client.update(method, (id, reason)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

/// `execute` or `cancel`.
pub async fn act(client: &Client, method: &'static str, id: u64) -> Answer<ProposalInfo> {
    let (r,): (Result<ProposalInfo, MultisigError>,) = client.update(method, (id,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

/// `add_token` or `remove_token`: the tracked ledgers after the call.
pub async fn token_call(client: &Client, method: &'static str, ledger: Principal) -> Answer<Vec<Principal>> {
    let (r,): (Result<Vec<Principal>, MultisigError>,) = client.update(method, (ledger,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

pub async fn set_address_book_entry(client: &Client, entry: AddressBookEntry) -> Answer<Vec<AddressBookEntry>> {
    let (r,): (Result<Vec<AddressBookEntry>, MultisigError>,) =
        client.update("set_address_book_entry", (entry,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

pub async fn remove_address_book_entry(client: &Client, account: Account) -> Answer<Vec<AddressBookEntry>> {
    let (r,): (Result<Vec<AddressBookEntry>, MultisigError>,) =
        client.update("remove_address_book_entry", (account,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(r)
}

/// The answer of an update as a sentence when it failed: the call's own failure or the wallet's refusal.
pub fn sentence<T>(answer: Answer<T>, unit: &dyn Fn(&Principal) -> (u8, String)) -> Result<T, String> {
    match answer {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(describe_multisig_error(&e, unit)),
        Err(e) => Err(e),
    }
}

pub fn status_name(status: ProposalStatus) -> &'static str {
    match status {
        ProposalStatus::Pending => "Pending",
        ProposalStatus::Approved => "Approved",
        ProposalStatus::Executing => "Executing",
        ProposalStatus::Executed => "Executed",
        ProposalStatus::Rejected => "Rejected",
        ProposalStatus::Expired => "Expired",
        ProposalStatus::Failed => "Failed",
        ProposalStatus::Cancelled => "Cancelled",
    }
}

/// A sentence for each refusal of the wallet; `unit` gives a ledger's decimals and symbol for amounts.
pub fn describe_multisig_error(error: &MultisigError, unit: &dyn Fn(&Principal) -> (u8, String)) -> String {
    use MultisigError::*;
    let amount = |ledger: &Principal, n: &Nat| {
        let (decimals, symbol) = unit(ledger);
        format!("{} {symbol}", format_amount(n, decimals)).trim().to_string()
    };
    let who = |p: &Principal| short_principal(&p.to_text());
    match error {
        Unauthorized => "Only the wallet's signers may do this (observers can read, not act).".into(),
        InvalidArgument(why) => format!("The wallet refused the request: {why}."),
        TextLength { field, min, max } => format!("The {field} must be {min} to {max} characters."),
        AnonymousMember => "The anonymous principal cannot be a member.".into(),
        AlreadyMember { principal } => format!("{} is already a member of the wallet.", who(principal)),
        NotMember { principal } => format!("{} is not a member of the wallet.", who(principal)),
        InvalidThreshold { threshold, signers } => format!(
            "A threshold of {threshold} does not fit {signers} signer{}: it must be 1 to {signers}.",
            if *signers == 1 { "" } else { "s" }
        ),
        TooManyMembers { max } => format!("The wallet already has the most members it can have ({max})."),
        TooManyOpenProposals { max } => format!("The wallet already has {max} open proposals: vote on or cancel some first."),
        ProposalNotFound { id } => format!("There is no proposal #{id}."),
        DedupKeyReused { id } => format!("This proposal was already sent as #{id} with different content; open it instead."),
        WrongStatus { status } => format!("Not possible while the proposal is {}.", status_name(*status).to_lowercase()),
        TimelockActive { not_before } => {
            format!("The proposal's timelock has not passed: it can be executed from {} (your time).", crate::browser::local_time(*not_before))
        }
        SpendingLimitExceeded { ledger, daily_max, spent_today, requested } => format!(
            "Today's spending limit would be exceeded: {} of {} spent today, this needs {} more. The proposal stays approved; execute it tomorrow or raise the limit.",
            amount(ledger, spent_today),
            amount(ledger, daily_max),
            amount(ledger, requested)
        ),
        UnknownToken { ledger } => format!("The wallet does not track the token {}: add it first.", who(ledger)),
        Transfer(e) => {
            format!("The token ledger refused the transfer: {}", describe_transfer(e))
        }
        Approve(e) => format!("The token ledger refused the approval: {}", describe_approve(e)),
        CallFailed(_) => "The ledger or the called canister could not be reached or answered unexpectedly.".into(),
        ExecutionInProgress => "The proposal is being executed: wait for the ledger's answer.".into(),
        Kit(_) => "The wallet could not handle the request right now. Try again.".into(),
    }
}

fn describe_transfer(e: &icto_shared::token::TransferError) -> String {
    use icto_shared::token::TransferError::*;
    match e {
        InsufficientFunds { .. } => "the wallet's balance is too low.".into(),
        BadFee { .. } => "the ledger's fee changed.".into(),
        Duplicate { duplicate_of } => format!("it was already made (block {duplicate_of})."),
        TooOld | CreatedInFuture { .. } => "the ledger refused its time; try again.".into(),
        TemporarilyUnavailable => "the ledger is busy; try again shortly.".into(),
        BadBurn { .. } => "the amount is too small to burn.".into(),
        GenericError { message, .. } => message.clone(),
    }
}

fn describe_approve(e: &icto_shared::token::ApproveError) -> String {
    use icto_shared::token::ApproveError::*;
    match e {
        InsufficientFunds { .. } => "the wallet cannot pay the approval's fee.".into(),
        BadFee { .. } => "the ledger's fee changed.".into(),
        AllowanceChanged { .. } => "the allowance changed meanwhile.".into(),
        Expired { .. } => "its expiry has passed.".into(),
        Duplicate { .. } => "it was already made.".into(),
        TooOld | CreatedInFuture { .. } => "the ledger refused its time; try again.".into(),
        TemporarilyUnavailable => "the ledger is busy; try again shortly.".into(),
        GenericError { message, .. } => message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_reads_as_a_sentence() {
        let p = Principal::from_slice(&[7; 29]);
        let unit = |_: &Principal| (8u8, "ICP".to_string());
        let all = [
            MultisigError::Unauthorized,
            MultisigError::InvalidThreshold { threshold: 3, signers: 2 },
            MultisigError::SpendingLimitExceeded {
                ledger: p,
                daily_max: Nat::from(100_000_000u64),
                spent_today: Nat::from(50_000_000u64),
                requested: Nat::from(60_000_000u64),
            },
            MultisigError::CallFailed("IC0503 trapped".into()),
            MultisigError::Kit(icto_shared::kit::KitError::OperationInProgress),
        ];
        let texts: Vec<String> = all.iter().map(|e| describe_multisig_error(e, &unit)).collect();
        assert_eq!(texts[1], "A threshold of 3 does not fit 2 signers: it must be 1 to 2.");
        assert!(texts[2].contains("0.5 ICP of 1 ICP spent today, this needs 0.6 ICP"), "{}", texts[2]);
        for t in &texts {
            assert!(!t.contains("IC0") && !t.contains("Some(") && !t.contains('{'), "{t}");
        }
    }
}
