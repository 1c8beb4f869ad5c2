//! ICRC-21 consent messages for icrc1_transfer, icrc2_approve and icrc2_transfer_from: what a wallet
//! shows before the user signs. Amounts use the token's decimals and symbol; times are shown in UTC
//! shifted by the user's offset. Only English is offered (the response says so).

use super::consent_text::{code_span, markdown_text, memo, printable};
use crate::models::account_key::AccountKey;
use crate::models::account_text::account_to_text;
use crate::repositories::settings;
use crate::wire::hot_args::{self, HotArg};
use crate::wire::ingress;
use candid::{Nat, Principal};
use icto_shared::token::{
    Account, ApproveArgs, ConsentFieldValue, ConsentInfo, ConsentMessage, ConsentMessageMetadata,
    ConsentMessageRequest, DisplayMessageType, ErrorInfo, FieldsDisplay, Icrc21Error, TransferArg,
    TransferFromArgs,
};

struct Token {
    symbol: String,
    /// The symbol as it may appear in the intent and intro of the chosen display.
    shown_symbol: String,
    decimals: u8,
    fee: u128,
    minting_key: AccountKey,
}

impl Token {
    fn is_minting_account(&self, account: &Account) -> bool {
        AccountKey::new(account) == self.minting_key
    }
}

/// One line of a message: a label and either an amount or text.
enum Field {
    Amount(String, u128),
    Text(String, String),
    Time(String, u64),
}

struct Message {
    intent: String,
    intro: String,
    fields: Vec<Field>,
}

fn unsupported(description: impl Into<String>) -> Icrc21Error {
    Icrc21Error::UnsupportedCanisterCall(ErrorInfo { description: description.into() })
}

pub fn consent_message(caller: Principal, req: ConsentMessageRequest) -> Result<ConsentInfo, Icrc21Error> {
    let (token, icrc2) = settings::with(|s| {
        let shown_symbol = match req.user_preferences.device_spec {
            Some(DisplayMessageType::FieldsDisplay) => printable(&s.token_symbol),
            _ => markdown_text(&s.token_symbol),
        };
        let token = Token {
            symbol: s.token_symbol.clone(),
            shown_symbol,
            decimals: s.decimals,
            fee: s.transfer_fee,
            minting_key: AccountKey::new(&s.minting_account),
        };
        (token, s.icrc2_enabled)
    });
    let offset = req.user_preferences.metadata.utc_offset_minutes.unwrap_or(0);
    let message = match req.method.as_str() {
        m @ "icrc1_transfer" => transfer_message(caller, decode::<TransferArg>(m, &req.arg)?, &token),
        m @ "icrc2_approve" if icrc2 => approve_message(caller, decode::<ApproveArgs>(m, &req.arg)?, &token),
        m @ "icrc2_transfer_from" if icrc2 => transfer_from_message(caller, decode::<TransferFromArgs>(m, &req.arg)?, &token),
        other => return Err(unsupported(format!("no consent message for method `{}`", printable(other)))),
    };
    let consent_message = match req.user_preferences.device_spec {
        Some(DisplayMessageType::FieldsDisplay) => fields_display(message, &token),
        _ => ConsentMessage::GenericDisplayMessage(generic_display(message, &token, offset)),
    };
    Ok(ConsentInfo {
        consent_message,
        metadata: ConsentMessageMetadata { language: "en".into(), utc_offset_minutes: Some(offset) },
    })
}

/// The inner argument, admitted and decoded as the method itself does it (its size limit, the fast
/// decoder, then the candid crate with quotas).
fn decode<T: HotArg>(method: &str, arg: &[u8]) -> Result<T, Icrc21Error> {
    ingress::check_size(method, arg.len())
        .and_then(|()| hot_args::decode(arg))
        .map_err(|e| unsupported(format!("failed to decode the call argument: {e}")))
}

fn nat(n: &Nat) -> u128 {
    u128::try_from(&n.0).unwrap_or(u128::MAX)
}

fn own_account(caller: Principal, sub: Option<[u8; 32]>) -> String {
    account_to_text(&Account { owner: caller, subaccount: sub })
}

fn fee_line(fee: Option<&Nat>, token: &Token) -> Field {
    Field::Amount("Fees".into(), fee.map_or(token.fee, nat))
}

/// Mints and burns carry no fee (the ledger refuses any fee but 0 on them).
fn no_fee_line() -> Field {
    Field::Amount("Fees".into(), 0)
}

fn memo_field(memo_bytes: Option<&serde_bytes::ByteBuf>, fields: &mut Vec<Field>) {
    if let Some(m) = memo_bytes {
        fields.push(Field::Text("Memo".into(), memo(m)));
    }
}

fn transfer_message(caller: Principal, arg: TransferArg, token: &Token) -> Message {
    let from = Account { owner: caller, subaccount: arg.from_subaccount };
    if token.is_minting_account(&from) {
        let mut fields = vec![
            Field::Amount("Amount".into(), nat(&arg.amount)),
            Field::Text("To".into(), account_to_text(&arg.to)),
            no_fee_line(),
        ];
        memo_field(arg.memo.as_ref(), &mut fields);
        return Message {
            intent: format!("Mint {}", token.shown_symbol),
            intro: "You are creating new tokens from the minting account.".into(),
            fields,
        };
    }
    if token.is_minting_account(&arg.to) {
        let mut fields = vec![
            Field::Text("From".into(), account_to_text(&from)),
            Field::Amount("Amount".into(), nat(&arg.amount)),
            no_fee_line(),
        ];
        memo_field(arg.memo.as_ref(), &mut fields);
        return Message {
            intent: format!("Burn {}", token.shown_symbol),
            intro: "You are destroying tokens from your account.".into(),
            fields,
        };
    }
    let mut fields = vec![
        Field::Text("From".into(), account_to_text(&from)),
        Field::Amount("Amount".into(), nat(&arg.amount)),
        Field::Text("To".into(), account_to_text(&arg.to)),
        fee_line(arg.fee.as_ref(), token),
    ];
    memo_field(arg.memo.as_ref(), &mut fields);
    Message {
        intent: format!("Send {}", token.shown_symbol),
        intro: "You are approving a transfer of funds from your account.".into(),
        fields,
    }
}

fn approve_message(caller: Principal, arg: ApproveArgs, token: &Token) -> Message {
    let mut fields = vec![
        Field::Text("From".into(), own_account(caller, arg.from_subaccount)),
        Field::Text("Approve to spender".into(), account_to_text(&arg.spender)),
        Field::Amount("Requested allowance".into(), nat(&arg.amount)),
    ];
    if let Some(e) = &arg.expected_allowance {
        fields.push(Field::Amount("Existing allowance".into(), nat(e)));
    }
    match arg.expires_at {
        Some(t) => fields.push(Field::Time("Approval expiration".into(), t)),
        None => fields.push(Field::Text("Approval expiration".into(), "This approval does not have an expiration.".into())),
    }
    fields.push(fee_line(arg.fee.as_ref(), token));
    fields.push(Field::Text("Fees paid by".into(), own_account(caller, arg.from_subaccount)));
    memo_field(arg.memo.as_ref(), &mut fields);
    Message {
        intent: "Approve spending".into(),
        intro: format!(
            "You are authorizing another address to withdraw funds from your account. The spender may \
             withdraw up to the requested allowance of {} in total, in any number of transfers.",
            token.shown_symbol
        ),
        fields,
    }
}

fn transfer_from_message(caller: Principal, arg: TransferFromArgs, token: &Token) -> Message {
    if token.is_minting_account(&arg.to) {
        let mut fields = vec![
            Field::Text("From".into(), account_to_text(&arg.from)),
            Field::Amount("Amount".into(), nat(&arg.amount)),
            Field::Text("Spender".into(), own_account(caller, arg.spender_subaccount)),
            no_fee_line(),
        ];
        memo_field(arg.memo.as_ref(), &mut fields);
        return Message {
            intent: format!("Burn {} from an approved account", token.shown_symbol),
            intro: "You are destroying tokens from a withdrawal account.".into(),
            fields,
        };
    }
    let mut fields = vec![
        Field::Text("From".into(), account_to_text(&arg.from)),
        Field::Amount("Amount".into(), nat(&arg.amount)),
        Field::Text("Spender".into(), own_account(caller, arg.spender_subaccount)),
        Field::Text("To".into(), account_to_text(&arg.to)),
        fee_line(arg.fee.as_ref(), token),
    ];
    memo_field(arg.memo.as_ref(), &mut fields);
    Message {
        intent: format!("Transfer {} from an approved account", token.shown_symbol),
        intro: "You are approving a transfer of funds from a withdrawal account.".into(),
        fields,
    }
}

/// `123456789` with 8 decimals -> `1.23456789`; trailing zeros dropped.
pub fn format_amount(amount: u128, decimals: u8) -> String {
    let digits = amount.to_string();
    let d = decimals as usize;
    if d == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = d + 1);
    let (int, frac) = padded.split_at(padded.len() - d);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") }
}

/// Nanoseconds since the epoch as `YYYY-MM-DD hh:mm:ss UTC±hh:mm`.
pub fn format_time(nanos: u64, offset_minutes: i16) -> String {
    let secs = (nanos / 1_000_000_000) as i64 + offset_minutes as i64 * 60;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC{sign}{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        off / 60,
        off % 60
    )
}

/// Markdown: each value in a code span that it cannot leave (the symbol and memo come from outside the
/// ledger and must not add markup or lines; the intent and intro hold the escaped symbol).
fn generic_display(m: Message, token: &Token, offset: i16) -> String {
    let mut out = format!("# {}\n\n{}\n", m.intent, m.intro);
    for f in m.fields {
        let (label, value) = match f {
            Field::Amount(l, a) => (l, format!("{} {}", format_amount(a, token.decimals), token.symbol)),
            Field::Text(l, t) => (l, t),
            Field::Time(l, t) => (l, format_time(t, offset)),
        };
        out.push_str(&format!("\n**{label}:**\n{}\n", code_span(&value)));
    }
    out
}

fn fields_display(m: Message, token: &Token) -> ConsentMessage {
    let fields = m
        .fields
        .into_iter()
        .map(|f| match f {
            Field::Amount(l, a) => match u64::try_from(a) {
                Ok(amount) => (l, ConsentFieldValue::TokenAmount { decimals: token.decimals, amount, symbol: printable(&token.symbol) }),
                Err(_) => (l, ConsentFieldValue::Text { content: printable(&format!("{} {}", format_amount(a, token.decimals), token.symbol)) }),
            },
            Field::Text(l, t) => (l, ConsentFieldValue::Text { content: printable(&t) }),
            Field::Time(l, t) => (l, ConsentFieldValue::TimestampSeconds { amount: t / 1_000_000_000 }),
        })
        .collect();
    ConsentMessage::FieldsDisplayMessage(FieldsDisplay { intent: m.intent, fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_use_decimals() {
        assert_eq!(format_amount(150_000_000, 8), "1.5");
        assert_eq!(format_amount(1, 8), "0.00000001");
        assert_eq!(format_amount(0, 8), "0");
        assert_eq!(format_amount(42, 0), "42");
        assert_eq!(format_amount(10_000, 4), "1");
    }

    #[test]
    fn times_are_civil_dates() {
        assert_eq!(format_time(0, 0), "1970-01-01 00:00:00 UTC+00:00");
        assert_eq!(format_time(1_700_000_000 * 1_000_000_000, 0), "2023-11-14 22:13:20 UTC+00:00");
        assert_eq!(format_time(1_700_000_000 * 1_000_000_000, -90), "2023-11-14 20:43:20 UTC-01:30");
    }
}
