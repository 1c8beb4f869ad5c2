//! What a proposal does and how it ended, in words: amounts in token units, members by name, a call's
//! Candid arguments (and reply) decoded from their DIDL bytes so signers read them before they vote.
use candid::{Nat, Principal};
use icto_shared::multisig::{ExecutionOutcome, ProposalAction, RowResult};
use icto_shared::token::Account;

use crate::format::{format_amount, short_principal};

/// Names the wallet knows: members and address-book entries; token units by ledger.
pub struct Names<'a> {
    pub name_of: &'a dyn Fn(&Account) -> Option<String>,
    pub unit: &'a dyn Fn(&Principal) -> Option<(u8, String)>,
}

impl Names<'_> {
    pub fn account(&self, a: &Account) -> String {
        let text = short_principal(&a.owner.to_text());
        let text = if a.subaccount.is_some_and(|s| s != [0; 32]) { format!("{text} (subaccount)") } else { text };
        match (self.name_of)(a) {
            Some(name) => format!("{name} ({text})"),
            None => text,
        }
    }

    pub fn amount(&self, ledger: &Principal, n: &Nat) -> String {
        match (self.unit)(ledger) {
            Some((decimals, symbol)) => format!("{} {symbol}", format_amount(n, decimals)),
            None => format!("{n} base units of {}", short_principal(&ledger.to_text())),
        }
    }
}

/// Candid bytes as Candid text ("(42 : nat64, \"hi\")"), or why they cannot be read.
pub fn decode_candid(bytes: &[u8]) -> String {
    match candid::IDLArgs::from_bytes(bytes) {
        Ok(args) => args.to_string(),
        Err(_) => format!("(not readable as Candid: {} bytes)", bytes.len()),
    }
}

/// One line saying what the action does.
pub fn describe_action(action: &ProposalAction, names: &Names) -> String {
    match action {
        ProposalAction::Transfer(t) => format!("Send {} to {}", names.amount(&t.ledger, &t.amount), names.account(&t.to))
            + &t.memo.as_ref().map(|m| format!(" (memo “{}”)", String::from_utf8_lossy(m))).unwrap_or_default(),
        ProposalAction::BatchTransfer(b) => {
            let total = b.rows.iter().fold(Nat::from(0u8), |s, r| s + r.amount.clone());
            format!("Send {} in all to {} recipient{}", names.amount(&b.ledger, &total), b.rows.len(), if b.rows.len() == 1 { "" } else { "s" })
        }
        ProposalAction::Approve(a) => format!("Allow {} to spend up to {} from the wallet", names.account(&a.spender), names.amount(&a.ledger, &a.amount)),
        ProposalAction::AddSigner(m) => format!("Add {} as a signer", member(m.principal, &m.name)),
        ProposalAction::RemoveSigner(p) => format!("Remove the signer {}", names.account(&Account::of(*p))),
        ProposalAction::AddObserver(m) => format!("Add {} as an observer", member(m.principal, &m.name)),
        ProposalAction::RemoveObserver(p) => format!("Remove the observer {}", names.account(&Account::of(*p))),
        ProposalAction::ChangeThreshold(t) => format!("Require {t} approval{} per proposal", if *t == 1 { "" } else { "s" }),
        ProposalAction::SetSpendingLimit { ledger, daily_max: Some(max) } => {
            format!("Limit spending to {} a day", names.amount(ledger, max))
        }
        ProposalAction::SetSpendingLimit { ledger, daily_max: None } => {
            format!("Lift the daily limit of {}", (names.unit)(ledger).map(|u| u.1).unwrap_or_else(|| short_principal(&ledger.to_text())))
        }
        ProposalAction::Call(c) => format!("Call {} on canister {}", c.method, short_principal(&c.canister.to_text())),
    }
}

fn member(p: Principal, name: &str) -> String {
    let short = short_principal(&p.to_text());
    if name.is_empty() { short } else { format!("{name} ({short})") }
}

/// How an executed (or failed) proposal ended; batch rows each with their result.
pub fn describe_outcome(outcome: &ExecutionOutcome) -> (String, Vec<String>) {
    match outcome {
        ExecutionOutcome::Transferred { block } => (format!("Transferred (ledger block {block})."), vec![]),
        ExecutionOutcome::BatchTransferred { rows, paid, failed } => (
            format!("{paid} row{} paid, {failed} failed.", if *paid == 1 { "" } else { "s" }),
            rows.iter()
                .enumerate()
                .map(|(i, r)| match r {
                    RowResult::Paid { block } => format!("Row {}: paid (block {block})", i + 1),
                    RowResult::Failed { error } => format!("Row {}: failed: {error}", i + 1),
                })
                .collect(),
        ),
        ExecutionOutcome::Approved { block } => (format!("Approval made (ledger block {block})."), vec![]),
        ExecutionOutcome::Applied => ("Applied to the wallet.".into(), vec![]),
        ExecutionOutcome::Called { reply, reply_len } => {
            let cut = (*reply_len as usize > reply.len()).then(|| format!(" (first {} of {reply_len} bytes)", reply.len()));
            (format!("The canister replied {}{}", decode_candid(reply), cut.unwrap_or_default()), vec![])
        }
        ExecutionOutcome::Error { error } => (format!("Failed: {error}"), vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use icto_shared::multisig::CallAction;

    #[test]
    fn call_arguments_read_as_candid_text() {
        let bytes = candid::encode_args((42u64, "hi")).unwrap();
        let text = decode_candid(&bytes);
        assert!(text.contains("42") && text.contains("\"hi\""), "{text}");
        assert!(decode_candid(b"nope").starts_with("(not readable"));
    }

    #[test]
    fn actions_read_in_token_units_and_names() {
        let ledger = Principal::from_slice(&[9; 29]);
        let bob = Principal::from_slice(&[2; 29]);
        let names = Names {
            name_of: &|a: &Account| (a.owner == bob).then(|| "Bob".to_string()),
            unit: &|_: &Principal| Some((8, "ICP".to_string())),
        };
        let t = ProposalAction::Transfer(icto_shared::multisig::TransferAction { ledger, to: Account::of(bob), amount: Nat::from(50_000_000u64), memo: None });
        assert!(describe_action(&t, &names).starts_with("Send 0.5 ICP to Bob ("));
        let c = ProposalAction::Call(CallAction { canister: ledger, method: "hello".into(), arg: vec![] });
        assert!(describe_action(&c, &names).starts_with("Call hello"));
    }
}
