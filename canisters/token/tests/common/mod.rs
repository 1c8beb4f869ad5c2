//! Shared setup for the ledger's devnet tests: the wasm, principals, a deployed ledger, typed calls.
#![allow(dead_code)]

use candid::{CandidType, Deserialize, Nat, Principal};
use devnet::Devnet;
use icto_shared::token::*;

pub const FEE: u64 = 10_000;

/// The optimised ledger wasm from `$ICTO_WASM_DIR` or `<workspace>/target/canisters/`.
pub fn ledger_wasm() -> Vec<u8> {
    devnet::built_wasm("token")
}

/// A distinct test principal per number.
pub fn principal(n: u64) -> Principal {
    let mut bytes = vec![0x5a];
    bytes.extend_from_slice(&n.to_be_bytes());
    bytes.push(0x01);
    Principal::from_slice(&bytes)
}

pub fn account(n: u64) -> Account {
    Account::of(principal(n))
}

pub fn controller() -> Principal {
    principal(1_000_000)
}

pub fn minter() -> Account {
    account(999_999)
}

pub fn init_args(initial_balances: Vec<(Account, Nat)>) -> InitArgs {
    InitArgs {
        minting_account: minter(),
        fee_collector_account: None,
        transfer_fee: Nat::from(FEE),
        decimals: Some(8),
        max_memo_length: Some(32),
        token_symbol: "ICTO".into(),
        token_name: "ICTO test token".into(),
        metadata: vec![],
        initial_balances,
        feature_flags: Some(FeatureFlags { icrc2: true }),
        max_transactions_in_window: None,
    }
}

pub struct Ledger {
    pub devnet: Devnet,
    pub id: Principal,
}

impl Ledger {
    pub fn deploy(init: InitArgs) -> Ledger {
        let devnet = Devnet::new();
        let id = Self::install_on(&devnet, init);
        Ledger { devnet, id }
    }

    pub fn install_on(devnet: &Devnet, init: InitArgs) -> Principal {
        let id = devnet.create_canister(controller());
        let arg = candid::encode_one(LedgerArg::Init(init)).unwrap();
        devnet.install_code(id, ledger_wasm(), arg, controller()).expect("install the ledger");
        id
    }

    pub fn update<A: candid::utils::ArgumentEncoder, R: CandidType + for<'a> Deserialize<'a>>(
        &self,
        caller: Principal,
        method: &str,
        args: A,
    ) -> R {
        self.devnet.update_candid(self.id, caller, method, args).unwrap_or_else(|e| panic!("{method}: {e:?}"))
    }

    pub fn query<A: candid::utils::ArgumentEncoder, R: CandidType + for<'a> Deserialize<'a>>(
        &self,
        method: &str,
        args: A,
    ) -> R {
        self.devnet
            .query_candid(self.id, Principal::anonymous(), method, args)
            .unwrap_or_else(|e| panic!("{method}: {e:?}"))
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
