//! A distribution campaign's contract: its state, my allocation, the recipients and the creator's and
//! recipients' actions; every refusal as a sentence (`describe_distribution_error`).
use candid::{Nat, Principal};
use icto_shared::distribution::{
    Allocation, CampaignInfo, CampaignStatus, CampaignTotals, ClaimRecord, DistributionError, RecipientInfo,
};
use icto_shared::pagination::{Page, PageRequest};

use super::agent::{Client, Connection};
use super::errors::readable;
use crate::browser::local_time;
use crate::format::format_amount;

const WHAT: &str = "The campaign";

pub fn contract(connection: Connection, canister: Principal) -> Client {
    Client::new(connection, canister)
}

pub async fn get_campaign(client: &Client) -> Result<CampaignInfo, String> {
    let (info,): (CampaignInfo,) = client.query("get_campaign", ()).await.map_err(|e| readable(WHAT, &e))?;
    Ok(info)
}

pub async fn my_allocation(client: &Client) -> Result<Vec<Allocation>, String> {
    let (rows,): (Vec<Allocation>,) = client.query("get_my_allocation", ()).await.map_err(|e| readable(WHAT, &e))?;
    Ok(rows)
}

pub async fn recipients(client: &Client, offset: u64, limit: u64) -> Result<Page<RecipientInfo>, String> {
    let (page,): (Page<RecipientInfo>,) =
        client.query("list_recipients", (PageRequest::new(offset, limit),)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(page)
}

/// The outcome of an update call: `Err` is a sentence (the call failed or the contract refused).
pub async fn claim(client: &Client) -> Result<Result<ClaimRecord, DistributionError>, String> {
    let (result,): (Result<ClaimRecord, DistributionError>,) =
        client.update("claim", (None::<Nat>,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(result)
}

/// `register`: the caller adds itself while the registration window is open.
pub async fn register(client: &Client) -> Result<Result<RecipientInfo, DistributionError>, String> {
    let (result,): (Result<RecipientInfo, DistributionError>,) = client.update("register", ()).await.map_err(|e| readable(WHAT, &e))?;
    Ok(result)
}

/// `add_to_whitelist` (the creator, before the window closes): how many principals are whitelisted now.
pub async fn add_to_whitelist(client: &Client, principals: Vec<Principal>) -> Result<Result<u64, DistributionError>, String> {
    let (result,): (Result<u64, DistributionError>,) =
        client.update("add_to_whitelist", (principals,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(result)
}

pub async fn is_whitelisted(client: &Client, who: Principal) -> Result<bool, String> {
    let (yes,): (bool,) = client.query("is_whitelisted", (who,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(yes)
}

/// `activate`, `pause`, `resume` or `cancel`: the creator's calls, each answering with the campaign.
pub async fn creator_call(client: &Client, method: &str) -> Result<Result<CampaignInfo, DistributionError>, String> {
    let (result,): (Result<CampaignInfo, DistributionError>,) =
        client.update(method, ()).await.map_err(|e| readable(WHAT, &e))?;
    Ok(result)
}

pub fn status_name(status: CampaignStatus) -> &'static str {
    match status {
        CampaignStatus::Created => "Created (not funded yet)",
        CampaignStatus::Active => "Active",
        CampaignStatus::Paused => "Paused",
        CampaignStatus::Completed => "Completed",
        CampaignStatus::Cancelled => "Cancelled",
    }
}

/// What the creator must have sent to the contract before `activate`: every allocation plus one ledger
/// fee per recipient row (each row's first claim is paid without taking the fee from the recipient).
pub fn required_funding(totals: &CampaignTotals, ledger_fee: &Nat) -> Nat {
    totals.allocated.clone() + ledger_fee.clone() * Nat::from(totals.recipients)
}

/// A sentence for each refusal; `line` turns a request row (from 0) into the line the person typed it on.
pub fn describe_distribution_error(error: &DistributionError, line: &dyn Fn(u32) -> String, decimals: u8, symbol: &str) -> String {
    use DistributionError::*;
    let amount = |n: &Nat| format!("{} {symbol}", format_amount(n, decimals));
    match error {
        Unauthorized => "Only the campaign's creator may do this.".into(),
        InvalidArgument(why) => format!("The campaign refused the request: {why}."),
        WrongStatus { status } => format!("Not possible while the campaign is {}.", status_name(*status).to_lowercase()),
        TitleLength { min, max } => format!("The title must be {min} to {max} characters, without line breaks."),
        CategoryCount { min, max } => format!("A campaign has {min} to {max} categories."),
        CategoryName { index, max } => format!("Category {}: its name must be 1 to {max} characters, without line breaks.", index + 1),
        InvalidSchedule { category, error } => format!("Category {}: {error}", category + 1),
        BatchTooLarge { max } => format!("At most {max} recipient rows can be sent at once."),
        TooManyRecipients { max } => format!("A campaign holds at most {max} recipient rows."),
        DuplicateRecipient { row } => format!("{}: this recipient is already listed in the same category.", line(*row)),
        UnknownCategory { row, category } => format!("{}: there is no category {}.", line(*row), category + 1),
        AnonymousRecipient { row } => format!("{}: the anonymous principal cannot receive tokens.", line(*row)),
        ZeroAmount { row } => format!("{}: the amount must be more than zero.", line(*row)),
        AmountTooLarge { row } => format!("{}: the amount (or the total with it) is too large.", line(*row)),
        TooManyEntriesForOwner { row, max } => format!("{}: one recipient may have at most {max} rows.", line(*row)),
        NoRecipients => "The campaign has no recipients yet.".into(),
        Underfunded { balance, required } => format!(
            "The campaign holds {} but needs {} (every allocation plus one ledger fee per recipient): fund it first.",
            amount(balance),
            amount(required)
        ),
        PauseNotAllowed => "This campaign was created without pausing.".into(),
        CancelNotAllowed => "This campaign was created without cancelling.".into(),
        NotARecipient => "You have no allocation in this campaign.".into(),
        NothingToClaim => "Nothing to claim yet: wait until more has vested.".into(),
        InvalidAmount => "That amount cannot be claimed.".into(),
        AmountBelowFee { fee } => format!("What you can claim does not exceed the ledger fee of {}: wait until more has vested.", amount(fee)),
        ClaimInProgress => "Your previous claim is still waiting for the ledger; try again in a moment.".into(),
        OperationInProgress => "Another operation on this campaign is waiting for the ledger; try again in a moment.".into(),
        Transfer(e) => format!("The token ledger refused the transfer: {} The amount stays claimable.",
            super::icrc::describe_transfer_error(e, decimals, symbol)),
        Ledger(_) => "The token ledger could not be reached; nothing was paid. Try again.".into(),
        InvalidRegistration { reason } => format!("Self-registration: {reason}."),
        NoRegistration => "This campaign takes no self-registration.".into(),
        RegistrationClosed { opens_at, closes_at } => format!(
            "Registration is not open: it runs from {} to {} (your time), before the campaign is activated.",
            local_time(*opens_at), local_time(*closes_at)),
        RegistrationFull { max } => format!("Every place is taken ({max} of {max})."),
        NotWhitelisted => "You are not on this campaign's whitelist: only whitelisted principals may register.".into(),
        AlreadyRegistered => "You are already registered in this campaign.".into(),
        RegistrationOpen { closes_at } => format!(
            "Registration is still open: the campaign can be activated once it closes at {} (your time) or every place is taken.",
            local_time(*closes_at)),
    }
}

/// `describe_distribution_error` where rows are rows of a request (from 1).
pub fn describe_simple(error: &DistributionError, decimals: u8, symbol: &str) -> String {
    describe_distribution_error(error, &|row| format!("Row {}", row + 1), decimals, symbol)
}
