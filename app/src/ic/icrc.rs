//! ICRC-1/2/21 ledger calls (the standard interface, as DFINITY's ICRC ledger declares it).
use candid::{Nat, Principal};
use candid::{CandidType, Deserialize, Reserved};
use icto_shared::token::{
    Account, ApproveArgs, ApproveError, ConsentMessageMetadata, ConsentMessageRequest, ConsentMessageSpec, DisplayMessageType, ErrorInfo,
    MetadataValue, TransferArg, TransferError,
};

use super::agent::Client;

/// What the token detail page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenInfo {
    pub ledger: Principal,
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub fee: Nat,
    pub total_supply: Nat,
    pub logo: Option<String>,
    /// Transfers to it are burns (no fee); mints come from it.
    pub minting_account: Option<Account>,
}

pub fn ledger(connection: super::agent::Connection, canister: Principal) -> Client {
    Client::new(connection, canister)
}

/// Reads everything the detail page shows in one parallel round: the standard metadata carries name,
/// symbol, decimals and fee; the supply is its own query.
pub async fn token_info(client: &Client) -> Result<TokenInfo, String> {
    let (metadata, supply, minter) = futures::join!(
        client.query::<_, (Vec<(String, MetadataValue)>,)>("icrc1_metadata", ()),
        client.query::<_, (Nat,)>("icrc1_total_supply", ()),
        client.query::<_, (Option<Account>,)>("icrc1_minting_account", ()),
    );
    let ((metadata,), (total_supply,), (minting_account,)) = (metadata?, supply?, minter?);
    token_info_from(client.canister, &metadata, total_supply, minting_account)
}

fn token_info_from(
    ledger: Principal,
    metadata: &[(String, MetadataValue)],
    total_supply: Nat,
    minting_account: Option<Account>,
) -> Result<TokenInfo, String> {
    let value = |key: &str| metadata.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let text = |key: &str| match value(key) {
        Some(MetadataValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    let nat = |key: &str| match value(key) {
        Some(MetadataValue::Nat(n)) => Ok(n.clone()),
        _ => Err(format!("the ledger's metadata has no {key}")),
    };
    let decimals = u8::try_from(&nat("icrc1:decimals")?.0).map_err(|_| "the ledger's decimals are out of range".to_string())?;
    Ok(TokenInfo {
        ledger,
        name: text("icrc1:name").ok_or("the ledger's metadata has no icrc1:name")?,
        symbol: text("icrc1:symbol").ok_or("the ledger's metadata has no icrc1:symbol")?,
        decimals,
        fee: nat("icrc1:fee")?,
        total_supply,
        logo: text("icrc1:logo"),
        minting_account,
    })
}

pub async fn balance_of(client: &Client, owner: Principal) -> Result<Nat, String> {
    let (balance,): (Nat,) = client.query("icrc1_balance_of", (Account::of(owner),)).await?;
    Ok(balance)
}

pub async fn transfer(client: &Client, arg: TransferArg) -> Result<Result<Nat, TransferError>, String> {
    let (result,): (Result<Nat, TransferError>,) = client.update("icrc1_transfer", (arg,)).await?;
    Ok(result)
}

/// A person-readable sentence for each ledger refusal.
pub fn describe_transfer_error(error: &TransferError, decimals: u8, symbol: &str) -> String {
    use crate::format::format_amount;
    match error {
        TransferError::InsufficientFunds { balance } => {
            format!("Insufficient funds: your balance is {} {symbol}.", format_amount(balance, decimals))
        }
        TransferError::BadFee { expected_fee } => {
            format!("Bad fee: the ledger expects a fee of {} {symbol}.", format_amount(expected_fee, decimals))
        }
        TransferError::Duplicate { duplicate_of } => {
            format!("Duplicate: this transfer was already made (block {duplicate_of}).")
        }
        TransferError::BadBurn { min_burn_amount } => {
            format!("Burn too small: at least {} {symbol}.", format_amount(min_burn_amount, decimals))
        }
        TransferError::TooOld => "The transfer is too old; try again.".into(),
        TransferError::CreatedInFuture { .. } => "Your clock is ahead of the ledger's; try again.".into(),
        TransferError::TemporarilyUnavailable => "The ledger is busy; try again shortly.".into(),
        TransferError::GenericError { message, .. } => format!("The ledger refused: {message}"),
    }
}

/// The ledger's own words for what a transfer will do (ICRC-21), shown before the person confirms.
pub async fn transfer_consent_message(client: &Client, arg: &TransferArg) -> Result<String, String> {
    consent_message(client, "icrc1_transfer", candid::encode_one(arg).map_err(|e| e.to_string())?).await
}

/// The ledger's own words for what an approval will allow (ICRC-21).
pub async fn approve_consent_message(client: &Client, arg: &ApproveArgs) -> Result<String, String> {
    consent_message(client, "icrc2_approve", candid::encode_one(arg).map_err(|e| e.to_string())?).await
}

pub async fn approve(client: &Client, arg: ApproveArgs) -> Result<Result<Nat, ApproveError>, String> {
    let (result,): (Result<Nat, ApproveError>,) = client.update("icrc2_approve", (arg,)).await?;
    Ok(result)
}

/// A person-readable sentence for each refusal of an approval.
pub fn describe_approve_error(error: &ApproveError, decimals: u8, symbol: &str) -> String {
    use crate::format::format_amount;
    match error {
        ApproveError::InsufficientFunds { balance } => {
            format!("Insufficient funds for the approval fee: your balance is {} {symbol}.", format_amount(balance, decimals))
        }
        ApproveError::BadFee { expected_fee } => {
            format!("Bad fee: the ledger now expects a fee of {} {symbol}; review again.", format_amount(expected_fee, decimals))
        }
        ApproveError::AllowanceChanged { .. } => "The allowance changed meanwhile; review again.".into(),
        ApproveError::Expired { .. } => "The approval expired before it reached the ledger; review again.".into(),
        ApproveError::Duplicate { .. } => "This approval was already made.".into(),
        ApproveError::TooOld => "The approval is too old; review again.".into(),
        ApproveError::CreatedInFuture { .. } => "Your clock is ahead of the ledger's; try again.".into(),
        ApproveError::TemporarilyUnavailable => "The ledger is busy; try again shortly.".into(),
        ApproveError::GenericError { message, .. } => format!("The ledger refused: {message}"),
    }
}

async fn consent_message(client: &Client, method: &str, arg: Vec<u8>) -> Result<String, String> {
    let request = ConsentMessageRequest {
        method: method.into(),
        arg,
        user_preferences: ConsentMessageSpec {
            metadata: ConsentMessageMetadata { language: "en".into(), utc_offset_minutes: None },
            device_spec: Some(DisplayMessageType::GenericDisplay),
        },
    };
    let (reply,): (Result<ConsentReply, ConsentError>,) =
        client.update("icrc21_canister_call_consent_message", (request,)).await?;
    match reply {
        Ok(ConsentReply { consent_message: ConsentText::GenericDisplayMessage(text) }) => Ok(text),
        Ok(ConsentReply { consent_message: ConsentText::FieldsDisplayMessage(_) }) => {
            Err("the ledger answered with a field display, not text".into())
        }
        Err(ConsentError::UnsupportedCanisterCall(e))
        | Err(ConsentError::ConsentMessageUnavailable(e))
        | Err(ConsentError::InsufficientPayment(e)) => Err(e.description),
        Err(ConsentError::GenericError { description }) => Err(description),
    }
}

// The parts of the ICRC-21 reply the app reads. The field-display form (asked for by devices, not by us) is
// skipped as `reserved`: decoding its value types would add about 12 KB to the app's wasm.
#[derive(CandidType, Deserialize)]
enum ConsentText {
    GenericDisplayMessage(String),
    FieldsDisplayMessage(Reserved),
}

#[derive(CandidType, Deserialize)]
struct ConsentReply {
    consent_message: ConsentText,
}

#[derive(CandidType, Deserialize)]
enum ConsentError {
    UnsupportedCanisterCall(ErrorInfo),
    ConsentMessageUnavailable(ErrorInfo),
    InsufficientPayment(ErrorInfo),
    GenericError { description: String },
}

#[cfg(test)]
mod tests {
    use super::*;
    use icto_shared::token::{ConsentFieldValue, ConsentInfo, ConsentMessage, FieldsDisplay, Icrc21Error};

    fn metadata() -> ConsentMessageMetadata {
        ConsentMessageMetadata { language: "en".into(), utc_offset_minutes: Some(0) }
    }

    /// Encodes with the ledger's full types, decodes with the app's narrow ones.
    fn as_app_reads(reply: Result<ConsentInfo, Icrc21Error>) -> Result<ConsentReply, ConsentError> {
        candid::decode_one(&candid::encode_one(reply).unwrap()).unwrap()
    }

    #[test]
    fn reads_the_generic_text() {
        let reply = Ok(ConsentInfo { consent_message: ConsentMessage::GenericDisplayMessage("# Send".into()), metadata: metadata() });
        assert!(matches!(as_app_reads(reply), Ok(ConsentReply { consent_message: ConsentText::GenericDisplayMessage(t) }) if t == "# Send"));
    }

    #[test]
    fn skips_a_fields_display() {
        let fields = FieldsDisplay {
            intent: "Send".into(),
            fields: vec![("Amount".into(), ConsentFieldValue::TokenAmount { decimals: 8, amount: 5, symbol: "ICP".into() })],
        };
        let reply = Ok(ConsentInfo { consent_message: ConsentMessage::FieldsDisplayMessage(fields), metadata: metadata() });
        assert!(matches!(as_app_reads(reply), Ok(ConsentReply { consent_message: ConsentText::FieldsDisplayMessage(_) })));
    }

    #[test]
    fn reads_errors() {
        let reply = Err(Icrc21Error::GenericError { error_code: Nat::from(7u8), description: "busy".into() });
        assert!(matches!(as_app_reads(reply), Err(ConsentError::GenericError { description }) if description == "busy"));
        let reply = Err(Icrc21Error::UnsupportedCanisterCall(ErrorInfo { description: "no".into() }));
        assert!(matches!(as_app_reads(reply), Err(ConsentError::UnsupportedCanisterCall(e)) if e.description == "no"));
    }
}
