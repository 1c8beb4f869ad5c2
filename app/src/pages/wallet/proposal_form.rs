//! A new proposal as typed: its kind and fields, turned into `ProposeArgs` and checked with the wallet's
//! own rules and limits (`icto_shared::multisig`); batch rows are read from CSV with each line's problem.
use candid::{Nat, Principal};
use icto_shared::multisig::{
    check_chars, check_member, check_threshold, limits, ApproveAction, BatchTransferAction, CallAction, MemberInit, ProposalAction,
    ProposeArgs, TransferAction, TransferRow,
};
use icto_shared::token::Account;

use crate::format::parse_amount;
use crate::ic::multisig::describe_multisig_error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Transfer,
    BatchTransfer,
    Approve,
    AddSigner,
    RemoveSigner,
    AddObserver,
    RemoveObserver,
    ChangeThreshold,
    SpendingLimit,
    Call,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Transfer,
        Kind::BatchTransfer,
        Kind::Approve,
        Kind::AddSigner,
        Kind::RemoveSigner,
        Kind::AddObserver,
        Kind::RemoveObserver,
        Kind::ChangeThreshold,
        Kind::SpendingLimit,
        Kind::Call,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Transfer => "Transfer",
            Kind::BatchTransfer => "Batch transfer (CSV)",
            Kind::Approve => "Approve a spender",
            Kind::AddSigner => "Add a signer",
            Kind::RemoveSigner => "Remove a signer",
            Kind::AddObserver => "Add an observer",
            Kind::RemoveObserver => "Remove an observer",
            Kind::ChangeThreshold => "Change the threshold",
            Kind::SpendingLimit => "Set or lift a daily limit",
            Kind::Call => "Call a canister",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Kind::Transfer => "transfer",
            Kind::BatchTransfer => "batch",
            Kind::Approve => "approve",
            Kind::AddSigner => "add-signer",
            Kind::RemoveSigner => "remove-signer",
            Kind::AddObserver => "add-observer",
            Kind::RemoveObserver => "remove-observer",
            Kind::ChangeThreshold => "threshold",
            Kind::SpendingLimit => "limit",
            Kind::Call => "call",
        }
    }

    pub fn from_key(key: &str) -> Kind {
        Kind::ALL.into_iter().find(|k| k.key() == key).unwrap_or(Kind::Transfer)
    }
}

/// Every field any kind uses (the form keeps what was typed when the kind changes).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProposalForm {
    pub title: String,
    pub description: String,
    /// The ledger, as its principal text (transfer, batch, approve, limit).
    pub ledger: String,
    /// The recipient, spender, member or canister.
    pub to: String,
    pub amount: String,
    pub memo: String,
    pub rows: String,
    pub name: String,
    pub threshold: String,
    pub method: String,
    /// Candid arguments as hex DIDL bytes (empty: no arguments).
    pub arg_hex: String,
    /// Days until the proposal expires (empty: the wallet's default).
    pub expires_days: String,
}

/// What the wallet needs to know to check a proposal: its signers, and a ledger's decimals.
pub struct Context<'a> {
    pub signers: usize,
    pub decimals: &'a dyn Fn(Principal) -> Option<u8>,
}

fn words(e: &icto_shared::multisig::MultisigError) -> String {
    describe_multisig_error(e, &|_| (0, String::new()))
}

/// An account as typed: a principal, or `principal.subaccount` with the subaccount in hex (the ICRC-1
/// text form's checksum, if present before the dot, is accepted and not needed).
pub fn parse_account(text: &str) -> Result<Account, String> {
    let text = text.trim();
    let bad = || format!("\"{text}\" is not a principal or account.");
    let (owner, sub) = match text.split_once('.') {
        Some((o, s)) => (o, Some(s)),
        None => (text, None),
    };
    let principal = Principal::from_text(owner)
        .or_else(|_| owner.rsplit_once('-').ok_or(()).and_then(|(o, _)| Principal::from_text(o).map_err(|_| ())))
        .map_err(|_| bad())?;
    let subaccount = match sub {
        None => None,
        Some(hex_text) => {
            let bytes = hex::decode(format!("{hex_text:0>64}")).map_err(|_| bad())?;
            Some(<[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| bad())?)
        }
    };
    Ok(Account { owner: principal, subaccount })
}

/// Batch rows, one a line: `principal,amount` (account text allowed); each line's problem by its number.
pub fn parse_rows(text: &str, decimals: u8) -> (Vec<TransferRow>, Vec<(usize, String)>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split([',', ';', '\t']).map(str::trim).collect();
        if rows.is_empty() && errors.is_empty() && fields[0].eq_ignore_ascii_case("principal") {
            continue;
        }
        let row = (|| {
            if fields.len() != 2 {
                return Err("write principal,amount.".to_string());
            }
            let to = parse_account(fields[0]).map_err(|_| format!("\"{}\" is not a principal.", fields[0]))?;
            let amount = parse_amount(fields[1], decimals).map_err(|e| e.trim_end_matches('.').to_lowercase() + ".")?;
            Ok(TransferRow { to, amount })
        })();
        match row {
            Ok(r) => rows.push(r),
            Err(e) => errors.push((i + 1, e)),
        }
    }
    if rows.len() > limits::MAX_BATCH_ROWS {
        errors.push((0, format!("At most {} rows in one batch.", limits::MAX_BATCH_ROWS)));
    }
    (rows, errors)
}

/// Candid arguments typed as hex: the bytes, which must start with the DIDL magic.
pub fn parse_arg(hex_text: &str) -> Result<Vec<u8>, String> {
    let clean: String = hex_text.chars().filter(|c| !c.is_whitespace()).collect();
    if clean.is_empty() {
        return Ok(candid::encode_args(()).expect("empty arguments encode"));
    }
    let bytes = hex::decode(clean.trim_start_matches("0x")).map_err(|_| "The arguments are not hex bytes.".to_string())?;
    if !bytes.starts_with(b"DIDL") {
        return Err("The arguments are not Candid: Candid bytes start with 4449444c (\"DIDL\").".into());
    }
    if bytes.len() > limits::MAX_CALL_ARG_BYTES {
        return Err(format!("The arguments are {} bytes; at most {}.", bytes.len(), limits::MAX_CALL_ARG_BYTES));
    }
    Ok(bytes)
}

fn ledger(form: &ProposalForm, ctx: &Context) -> Result<(Principal, u8), String> {
    let ledger = Principal::from_text(form.ledger.trim()).map_err(|_| "Choose a token.".to_string())?;
    let decimals = (ctx.decimals)(ledger).ok_or("The token's ledger could not be read: try again.")?;
    Ok((ledger, decimals))
}

fn principal(text: &str, what: &str) -> Result<Principal, String> {
    let text = text.trim();
    Principal::from_text(text).map_err(|_| format!("The {what} is not a principal."))
}

/// The action of the form's kind, or the first problem.
pub fn action(kind: Kind, form: &ProposalForm, ctx: &Context) -> Result<ProposalAction, String> {
    Ok(match kind {
        Kind::Transfer => {
            let (ledger, decimals) = ledger(form, ctx)?;
            let to = parse_account(&form.to)?;
            let amount = parse_amount(&form.amount, decimals)?;
            let memo = form.memo.trim();
            if memo.len() > limits::MEMO_MAX_BYTES {
                return Err(format!("The memo is at most {} bytes.", limits::MEMO_MAX_BYTES));
            }
            let memo = (!memo.is_empty()).then(|| serde_bytes::ByteBuf::from(memo.as_bytes().to_vec()));
            ProposalAction::Transfer(TransferAction { ledger, to, amount, memo })
        }
        Kind::BatchTransfer => {
            let (ledger, decimals) = ledger(form, ctx)?;
            let (rows, errors) = parse_rows(&form.rows, decimals);
            if let Some((line, e)) = errors.first() {
                return Err(if *line == 0 { e.clone() } else { format!("Line {line}: {e}") });
            }
            if rows.is_empty() {
                return Err("Enter at least one row: principal,amount.".into());
            }
            ProposalAction::BatchTransfer(BatchTransferAction { ledger, rows })
        }
        Kind::Approve => {
            let (ledger, decimals) = ledger(form, ctx)?;
            let spender = parse_account(&form.to)?;
            let amount = parse_amount(&form.amount, decimals)?;
            ProposalAction::Approve(ApproveAction { ledger, spender, amount, expires_at: None })
        }
        Kind::AddSigner | Kind::AddObserver => {
            let m = MemberInit { principal: principal(&form.to, "member")?, name: form.name.trim().to_string() };
            check_member(&m).map_err(|e| words(&e))?;
            if kind == Kind::AddSigner { ProposalAction::AddSigner(m) } else { ProposalAction::AddObserver(m) }
        }
        Kind::RemoveSigner => {
            let p = principal(&form.to, "signer")?;
            check_threshold(1, ctx.signers.saturating_sub(1)).map_err(|_| "The last signer cannot be removed.".to_string())?;
            ProposalAction::RemoveSigner(p)
        }
        Kind::RemoveObserver => ProposalAction::RemoveObserver(principal(&form.to, "observer")?),
        Kind::ChangeThreshold => {
            let t: u32 = form.threshold.trim().parse().map_err(|_| "The threshold is a whole number, like 2.".to_string())?;
            check_threshold(t, ctx.signers).map_err(|e| words(&e))?;
            ProposalAction::ChangeThreshold(t)
        }
        Kind::SpendingLimit => {
            let (ledger, decimals) = ledger(form, ctx)?;
            let daily_max: Option<Nat> =
                if form.amount.trim().is_empty() { None } else { Some(parse_amount(&form.amount, decimals)?) };
            ProposalAction::SetSpendingLimit { ledger, daily_max }
        }
        Kind::Call => {
            let canister = principal(&form.to, "canister")?;
            let method = form.method.trim().to_string();
            check_chars("method name", &method, 1, limits::METHOD_NAME_MAX_CHARS).map_err(|e| words(&e))?;
            ProposalAction::Call(CallAction { canister, method, arg: parse_arg(&form.arg_hex)? })
        }
    })
}

/// The whole proposal; `dedup_key` is chosen once per form so sending again after a lost answer returns the first.
pub fn propose_args(kind: Kind, form: &ProposalForm, ctx: &Context, dedup_key: &str) -> Result<ProposeArgs, String> {
    let title = form.title.trim().to_string();
    check_chars("title", &title, limits::TITLE_MIN_CHARS, limits::TITLE_MAX_CHARS).map_err(|e| words(&e))?;
    let description = form.description.trim();
    check_chars("description", description, 0, limits::DESCRIPTION_MAX_CHARS).map_err(|e| words(&e))?;
    let expires_in = match form.expires_days.trim() {
        "" => None,
        days => {
            let days: f64 = days.parse().map_err(|_| "The lifetime is a number of days, like 7.".to_string())?;
            let nanos = (days * 86_400.0 * 1e9) as u64;
            if !(limits::MIN_EXPIRY_NANOS..=limits::MAX_EXPIRY_NANOS).contains(&nanos) {
                return Err(format!(
                    "A proposal lives from {} minute to {} days.",
                    limits::MIN_EXPIRY_NANOS / 60_000_000_000,
                    limits::MAX_EXPIRY_NANOS / 86_400_000_000_000
                ));
            }
            Some(nanos)
        }
    };
    Ok(ProposeArgs {
        title,
        description: (!description.is_empty()).then(|| description.to_string()),
        action: action(kind, form, ctx)?,
        expires_in,
        not_before: None,
        dedup_key: dedup_key.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: u8) -> Principal {
        Principal::from_slice(&[n; 29])
    }

    fn ctx_decimals(_: Principal) -> Option<u8> {
        Some(8)
    }

    fn ctx() -> Context<'static> {
        Context { signers: 2, decimals: &ctx_decimals }
    }

    #[test]
    fn a_transfer_reads_token_units() {
        let form = ProposalForm { title: "Pay".into(), ledger: p(9).to_text(), to: p(3).to_text(), amount: "0.25".into(), ..Default::default() };
        let args = propose_args(Kind::Transfer, &form, &ctx(), "k").unwrap();
        match args.action {
            ProposalAction::Transfer(t) => {
                assert_eq!(t.amount, Nat::from(25_000_000u64));
                assert_eq!(t.to, Account::of(p(3)));
            }
            other => panic!("{other:?}"),
        }
        let untitled = ProposalForm { title: String::new(), ..form };
        assert!(propose_args(Kind::Transfer, &untitled, &ctx(), "k").unwrap_err().contains("title"));
    }

    #[test]
    fn batch_rows_report_errors_by_line() {
        let text = format!("principal,amount\n{},1\nnope,2\n{},x\n", p(3), p(4));
        let (rows, errors) = parse_rows(&text, 8);
        assert_eq!(rows.len(), 1);
        assert_eq!(errors.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![3, 4]);
        assert_eq!(errors[0].1, "\"nope\" is not a principal.");
    }

    #[test]
    fn the_threshold_fits_the_signers() {
        let form = ProposalForm { title: "t".into(), threshold: "3".into(), ..Default::default() };
        assert_eq!(action(Kind::ChangeThreshold, &form, &ctx()).unwrap_err(), "A threshold of 3 does not fit 2 signers: it must be 1 to 2.");
    }

    #[test]
    fn call_arguments_are_candid_hex() {
        assert_eq!(parse_arg("").unwrap(), b"DIDL\x00\x00".to_vec());
        let bytes = candid::encode_args((42u64, "hi")).unwrap();
        assert_eq!(parse_arg(&hex::encode(&bytes)).unwrap(), bytes);
        assert!(parse_arg("00ff").unwrap_err().contains("not Candid"));
        assert!(parse_arg("zz").is_err());
    }

    #[test]
    fn accounts_take_a_subaccount() {
        let a = parse_account(&format!("{}.1", p(3))).unwrap();
        let mut sub = [0u8; 32];
        sub[31] = 1;
        assert_eq!(a, Account { owner: p(3), subaccount: Some(sub) });
        assert!(parse_account("x").is_err());
    }
}
