//! An ICRC-1/2/3 handle on a token canister (the platform's payment ledger or a token made by the
//! factory), and the arguments tests build most.

use crate::canister::Canister;
use crate::{users, wasm};
use candid::{Nat, Principal};
use devnet::Devnet;
use icto_shared::token::*;
use std::ops::Deref;
use std::sync::Arc;

/// Who controls ledgers that tests deploy with `Ledger::deploy`.
pub fn controller() -> Principal {
    users::principal(1_000_000)
}

#[derive(Clone)]
pub struct Ledger(pub Canister);

impl Deref for Ledger {
    type Target = Canister;
    fn deref(&self) -> &Canister {
        &self.0
    }
}

impl Ledger {
    /// The built ledger (`token.wasm`) on a fresh devnet, controlled by `controller()`.
    pub fn deploy(init: InitArgs) -> Ledger {
        Ledger::install(&Arc::new(Devnet::new()), init)
    }

    /// The built ledger on `devnet`, controlled by `controller()`.
    pub fn install(devnet: &Arc<Devnet>, init: InitArgs) -> Ledger {
        let arg = candid::encode_one(LedgerArg::Init(init)).expect("encode");
        Ledger(Canister::install(devnet, controller(), wasm::built("token"), arg))
    }

    pub fn transfer(&self, caller: Principal, arg: TransferArg) -> Result<Nat, TransferError> {
        self.update(caller, "icrc1_transfer", (arg,))
    }

    pub fn approve(&self, caller: Principal, arg: ApproveArgs) -> Result<Nat, ApproveError> {
        self.update(caller, "icrc2_approve", (arg,))
    }

    pub fn transfer_from(&self, caller: Principal, arg: TransferFromArgs) -> Result<Nat, TransferFromError> {
        self.update(caller, "icrc2_transfer_from", (arg,))
    }

    pub fn balance(&self, account: &Account) -> Nat {
        self.query("icrc1_balance_of", (account.clone(),))
    }

    pub fn allowance(&self, owner: &Account, spender: &Account) -> Allowance {
        self.query("icrc2_allowance", (AllowanceArgs { account: owner.clone(), spender: spender.clone() },))
    }

    pub fn blocks(&self, start: u64, length: u64) -> GetBlocksResult {
        self.query("icrc3_get_blocks", (vec![GetBlocksArgs { start: Nat::from(start), length: Nat::from(length) }],))
    }

    /// Every block, in pages as large as the ledger serves.
    pub fn all_blocks(&self) -> Vec<BlockWithId> {
        let mut out = Vec::new();
        loop {
            let page = self.blocks(out.len() as u64, 1_000);
            let done = page.blocks.is_empty();
            out.extend(page.blocks);
            if done || Nat::from(out.len()) == page.log_length {
                return out;
            }
        }
    }
}

pub fn transfer_arg(to: Account, amount: u64) -> TransferArg {
    TransferArg { from_subaccount: None, to, amount: Nat::from(amount), fee: None, memo: None, created_at_time: None }
}

pub fn approve_arg(spender: Account, amount: u64) -> ApproveArgs {
    ApproveArgs {
        from_subaccount: None,
        spender,
        amount: Nat::from(amount),
        expected_allowance: None,
        expires_at: None,
        fee: None,
        memo: None,
        created_at_time: None,
    }
}

pub fn transfer_from_arg(from: Account, to: Account, amount: u64) -> TransferFromArgs {
    TransferFromArgs { spender_subaccount: None, from, to, amount: Nat::from(amount), fee: None, memo: None, created_at_time: None }
}

/// The ICRC-3 representation-independent hash of a value, implemented here from the standard (not the
/// ledger's code), so tests can check the hashes a ledger writes.
pub fn icrc3_hash(value: &ICRC3Value) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let sha = |bytes: &[u8]| -> [u8; 32] { Sha256::digest(bytes).into() };
    match value {
        ICRC3Value::Blob(b) => sha(b),
        ICRC3Value::Text(t) => sha(t.as_bytes()),
        ICRC3Value::Nat(n) => {
            let mut leb = vec![];
            n.encode(&mut leb).expect("write to a vec");
            sha(&leb)
        }
        ICRC3Value::Int(i) => {
            let mut sleb = vec![];
            i.encode(&mut sleb).expect("write to a vec");
            sha(&sleb)
        }
        ICRC3Value::Array(items) => sha(&items.iter().flat_map(icrc3_hash).collect::<Vec<u8>>()),
        ICRC3Value::Map(entries) => {
            let mut pairs: Vec<Vec<u8>> = entries.iter().map(|(k, v)| [sha(k.as_bytes()), icrc3_hash(v)].concat()).collect();
            pairs.sort();
            sha(&pairs.concat())
        }
    }
}

/// A field of a block (an ICRC-3 map).
pub fn block_field<'a>(block: &'a ICRC3Value, name: &str) -> Option<&'a ICRC3Value> {
    let ICRC3Value::Map(fields) = block else { panic!("a block is a map") };
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_the_icrc3_examples() {
        // The examples of the ICRC-3 standard ("Value" hashing section).
        let hex = |h: [u8; 32]| h.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(hex(icrc3_hash(&ICRC3Value::Nat(Nat::from(42u8)))), "684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1");
        assert_eq!(
            hex(icrc3_hash(&ICRC3Value::Int(candid::Int::from(-42)))),
            "de5a6f78116eca62d7fc5ce159d23ae6b889b365a1739ad2cf36f925a140d0cc"
        );
        assert_eq!(
            hex(icrc3_hash(&ICRC3Value::Text("Hello, World!".into()))),
            "dffd6021bb2bd5b0af676290809ec3a53191dd81c7f70a4b28688a362182986f"
        );
        assert_eq!(
            hex(icrc3_hash(&ICRC3Value::Blob(vec![0x01, 0x02, 0x03, 0x04]))),
            "9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a"
        );
        assert_eq!(
            hex(icrc3_hash(&ICRC3Value::Array(vec![
                ICRC3Value::Nat(Nat::from(3u8)),
                ICRC3Value::Text("foo".into()),
                ICRC3Value::Blob(vec![0x05, 0x06]),
            ]))),
            "514a04011caa503990d446b7dec5d79e19c221ae607fb08b2848c67734d468d6"
        );
        assert_eq!(
            hex(icrc3_hash(&ICRC3Value::Map(vec![
                ("from".into(), ICRC3Value::Blob(vec![0x00, 0xab, 0xcd, 0xef, 0x00, 0x12, 0x34, 0x00, 0x56, 0x78, 0x9a, 0x00, 0xbc, 0xde, 0xf0, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0x00, 0xab, 0xcd, 0xef, 0x01])),
                ("to".into(), ICRC3Value::Blob(vec![0x00, 0xab, 0x0d, 0xef, 0x00, 0x12, 0x34, 0x00, 0x56, 0x78, 0x9a, 0x00, 0xbc, 0xde, 0xf0, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0x00, 0xab, 0xcd, 0xef, 0x01])),
                ("amount".into(), ICRC3Value::Nat(Nat::from(42u8))),
                ("created_at".into(), ICRC3Value::Nat(Nat::from(1_699_218_263u64))),
                ("memo".into(), ICRC3Value::Nat(Nat::from(0u8))),
            ]))),
            "c56ece650e1de4269c5bdeff7875949e3e2033f85b2d193c2ff4f7f78bdcfc75"
        );
    }
}
