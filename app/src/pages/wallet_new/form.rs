//! The wallet form: what the person typed, checked part by part with the wallet's own rules
//! (`WalletConfig::validate`, `check_member`, `check_threshold`, `check_chars` and `limits` from
//! `icto_shared::multisig`), so no limit is copied here; each problem is put next to the part it is about.
use candid::{Nat, Principal};
use icto_shared::multisig::{check_chars, check_member, check_threshold, limits, MemberInit, MultisigError, SpendingLimit, WalletConfig};
use serde::{Deserialize, Serialize};

use crate::format::parse_amount;
use crate::ic::multisig::describe_multisig_error;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    pub principal: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenRow {
    pub ledger: String,
    /// Optional daily limit, in token units.
    pub daily_max: String,
}

/// The form as typed; kept in sessionStorage with the deployment's ticket so a reload resumes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WalletForm {
    pub name: String,
    pub description: String,
    pub signers: Vec<MemberRow>,
    pub observers: Vec<MemberRow>,
    pub threshold: String,
    pub tokens: Vec<TokenRow>,
}

impl WalletForm {
    /// The creator as the first signer, a threshold of 1, the payment token tracked.
    pub fn new(me: Principal, payment_ledger: Principal) -> WalletForm {
        WalletForm {
            signers: vec![MemberRow { principal: me.to_text(), name: String::new() }],
            threshold: "1".into(),
            tokens: vec![TokenRow { ledger: payment_ledger.to_text(), daily_max: String::new() }],
            ..WalletForm::default()
        }
    }

    /// The ledger ids typed that read as principals (their tokens are read to show symbols and decimals).
    pub fn ledgers(&self) -> Vec<Principal> {
        self.tokens.iter().filter_map(|t| Principal::from_text(t.ledger.trim()).ok()).collect()
    }
}

/// Each part's problem (a sentence) and, when there is none, the config to send.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    pub name: Option<String>,
    pub description: Option<String>,
    pub signers: Vec<Option<String>>,
    pub observers: Vec<Option<String>>,
    pub threshold: Option<String>,
    pub tokens: Vec<Option<String>>,
    /// A problem of the whole wallet (too many members, ...).
    pub wallet: Option<String>,
    pub config: Option<WalletConfig>,
}

/// "2 of 3 signers must approve each proposal." for the threshold typed (None when it is not a number).
pub fn threshold_words(form: &WalletForm) -> Option<String> {
    let t: u32 = form.threshold.trim().parse().ok()?;
    let n = form.signers.len();
    Some(format!("{t} of {n} signer{} must approve each proposal.", if n == 1 { "" } else { "s" }))
}

fn sentence(e: &MultisigError) -> String {
    describe_multisig_error(e, &|_| (0, String::new()))
}

fn member(row: &MemberRow) -> Result<MemberInit, String> {
    let text = row.principal.trim();
    if text.is_empty() {
        return Err("Enter the member's principal.".into());
    }
    let principal = Principal::from_text(text).map_err(|_| format!("\"{text}\" is not a principal."))?;
    let m = MemberInit { principal, name: row.name.trim().to_string() };
    check_member(&m).map_err(|e| sentence(&e))?;
    Ok(m)
}

/// Checks the form; `decimals` gives a tracked ledger's decimals once it was read (None: not yet, or not a ledger).
pub fn check(form: &WalletForm, decimals: &dyn Fn(Principal) -> Option<Result<u8, String>>) -> Checked {
    let mut c = Checked::default();
    c.name = check_chars("name", form.name.trim(), limits::NAME_MIN_CHARS, limits::NAME_MAX_CHARS).err().map(|e| sentence(&e));
    let description = form.description.trim();
    c.description = check_chars("description", description, 0, limits::DESCRIPTION_MAX_CHARS).err().map(|e| sentence(&e));

    let mut seen = std::collections::BTreeSet::new();
    let mut read_members = |rows: &[MemberRow]| {
        let mut members = Vec::new();
        let errors: Vec<Option<String>> = rows
            .iter()
            .map(|row| match member(row) {
                Ok(m) if !seen.insert(m.principal) => Some("This principal is already listed (a member is a signer or an observer, once).".into()),
                Ok(m) => {
                    members.push(m);
                    None
                }
                Err(e) => Some(e),
            })
            .collect();
        (members, errors)
    };
    let (signers, signer_errors) = read_members(&form.signers);
    let (observers, observer_errors) = read_members(&form.observers);
    c.signers = signer_errors;
    c.observers = observer_errors;

    let threshold = match form.threshold.trim().parse::<u32>() {
        Ok(t) => match check_threshold(t, form.signers.len()) {
            Ok(()) => Some(t),
            Err(e) => {
                c.threshold = Some(sentence(&e));
                None
            }
        },
        Err(_) => {
            c.threshold = Some("The threshold is a whole number of approvals, like 2.".into());
            None
        }
    };

    let mut tokens = Vec::new();
    let mut spending_limits = Vec::new();
    c.tokens = form
        .tokens
        .iter()
        .map(|row| {
            let text = row.ledger.trim();
            let ledger = Principal::from_text(text).map_err(|_| format!("\"{text}\" is not a ledger id."))?;
            if tokens.contains(&ledger) {
                return Err("This token is already listed.".to_string());
            }
            let decimals = match decimals(ledger) {
                None => return Err("Reading the token…".into()),
                Some(Err(e)) => return Err(e),
                Some(Ok(d)) => d,
            };
            tokens.push(ledger);
            if !row.daily_max.trim().is_empty() {
                let daily_max: Nat = parse_amount(&row.daily_max, decimals).map_err(|e| format!("Daily limit: {}", e.to_lowercase()))?;
                spending_limits.push(SpendingLimit { ledger, daily_max });
            }
            Ok(())
        })
        .map(|r: Result<(), String>| r.err())
        .collect();

    let parts_ok = c.name.is_none()
        && c.description.is_none()
        && c.threshold.is_none()
        && c.signers.iter().chain(&c.observers).chain(&c.tokens).all(Option::is_none);
    if !parts_ok {
        return c;
    }
    let config = WalletConfig {
        name: form.name.trim().to_string(),
        description: (!description.is_empty()).then(|| description.to_string()),
        signers,
        observers,
        threshold: threshold.unwrap_or(1),
        tokens,
        spending_limits,
    };
    match config.validate() {
        Ok(()) => c.config = Some(config),
        Err(e) => c.wallet = Some(sentence(&e)),
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: u8) -> Principal {
        Principal::from_slice(&[n; 29])
    }

    fn form() -> WalletForm {
        let mut f = WalletForm::new(p(1), p(9));
        f.name = "Treasury".into();
        f.signers.push(MemberRow { principal: p(2).to_text(), name: "Bob".into() });
        f.threshold = "2".into();
        f
    }

    fn read(_: Principal) -> Option<Result<u8, String>> {
        Some(Ok(8))
    }

    #[test]
    fn a_two_of_two_wallet_checks_out() {
        let c = check(&form(), &read);
        let config = c.config.expect("valid");
        assert_eq!(config.signers.len(), 2);
        assert_eq!(config.signers[1].name, "Bob");
        assert_eq!(config.threshold, 2);
        assert_eq!(config.tokens, vec![p(9)]);
        assert_eq!(threshold_words(&form()).unwrap(), "2 of 2 signers must approve each proposal.");
    }

    #[test]
    fn a_threshold_above_the_signers_is_refused_in_words() {
        let mut f = form();
        f.threshold = "3".into();
        let c = check(&f, &read);
        assert_eq!(c.threshold.as_deref(), Some("A threshold of 3 does not fit 2 signers: it must be 1 to 2."));
        assert!(c.config.is_none());
        f.threshold = "x".into();
        assert!(check(&f, &read).threshold.unwrap().contains("whole number"));
    }

    #[test]
    fn members_are_checked_per_row() {
        let mut f = form();
        f.observers.push(MemberRow { principal: p(2).to_text(), name: String::new() });
        f.signers.push(MemberRow { principal: "nope".into(), name: String::new() });
        let c = check(&f, &read);
        assert_eq!(c.signers[2].as_deref(), Some("\"nope\" is not a principal."));
        assert!(c.observers[0].as_ref().unwrap().contains("already listed"));
        f.signers[1].name = "x".repeat(limits::MEMBER_NAME_MAX_CHARS + 1);
        assert!(check(&f, &read).signers[1].as_ref().unwrap().contains("member name"));
    }

    #[test]
    fn a_daily_limit_is_read_in_token_units() {
        let mut f = form();
        f.tokens[0].daily_max = "1.5".into();
        let config = check(&f, &read).config.unwrap();
        assert_eq!(config.spending_limits[0].daily_max, Nat::from(150_000_000u64));
        f.tokens[0].daily_max = "abc".into();
        assert!(check(&f, &read).tokens[0].as_ref().unwrap().starts_with("Daily limit"));
    }

    #[test]
    fn names_follow_the_wallet_limits() {
        let mut f = form();
        f.name = String::new();
        assert!(check(&f, &read).name.unwrap().contains(&format!("{} to {}", limits::NAME_MIN_CHARS, limits::NAME_MAX_CHARS)));
    }
}
