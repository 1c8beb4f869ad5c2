//! The dev identity provider on devnet: users and the salt survive upgrade; delegations are canister
//! signatures that verify against devnet's root key (as devnet's request authentication and ic-agent
//! check them) and not against another; it refuses to be installed where the root key is mainnet's.
use candid::Principal;
use dev_identity::api::{
    DevIdentityError, GetDelegationArgs, InitArgs, PrepareDelegationArgs, PreparedDelegation, SignedDelegation,
};
use test_kit::wasm::built as wasm;
use devnet::Devnet;
use ic_agent::identity::{BasicIdentity, DelegatedIdentity, Delegation, SignedDelegation as AgentSignedDelegation};
use ic_agent::Identity;

const ORIGIN: &str = "http://uxrrr-q7777-77774-qaaaq-cai.localhost:4943";

fn controller() -> Principal {
    Principal::from_slice(&[7; 29])
}

fn install(devnet: &Devnet, init: Option<InitArgs>) -> Principal {
    let canister = devnet.create_canister(controller());
    devnet.install_code(canister, wasm("dev_identity"), candid::encode_one(init).unwrap(), controller()).unwrap();
    canister
}

fn principal_of(devnet: &Devnet, canister: Principal, user: &str) -> Result<Principal, DevIdentityError> {
    devnet
        .query_candid(canister, Principal::anonymous(), "user_principal", (user.to_string(), ORIGIN.to_string()))
        .unwrap()
}

fn add_user(devnet: &Devnet, canister: Principal, name: &str) -> Result<(), DevIdentityError> {
    devnet.update_candid(canister, Principal::anonymous(), "add_user", (name.to_string(),)).unwrap()
}

#[test]
fn users_and_principals_survive_upgrade() {
    let devnet = Devnet::new();
    let canister = install(&devnet, None);
    let users: Vec<String> = devnet.query_candid(canister, Principal::anonymous(), "users", ()).unwrap();
    assert_eq!(users, ["alice", "bob", "carol"]);
    assert!(matches!(principal_of(&devnet, canister, "alice"), Err(DevIdentityError::NotReady(_))), "no salt before an update");

    add_user(&devnet, canister, "dave").unwrap();
    assert!(matches!(add_user(&devnet, canister, "Not Valid"), Err(DevIdentityError::InvalidUserName(_))));
    let alice = principal_of(&devnet, canister, "alice").unwrap();
    assert_ne!(alice, principal_of(&devnet, canister, "bob").unwrap());

    devnet.upgrade_canister(canister, wasm("dev_identity"), candid::encode_args(()).unwrap(), controller()).unwrap();
    let users: Vec<String> = devnet.query_candid(canister, Principal::anonymous(), "users", ()).unwrap();
    assert_eq!(users, ["alice", "bob", "carol", "dave"]);
    assert_eq!(principal_of(&devnet, canister, "alice").unwrap(), alice, "the salt survives upgrade");

    let other = install(&devnet, Some(InitArgs { users: Some(vec!["alice".into()]) }));
    add_user(&devnet, other, "alice").unwrap();
    assert_ne!(principal_of(&devnet, other, "alice").unwrap(), alice, "each provider draws its own salt");
}

#[test]
fn refuses_to_install_or_upgrade_where_the_root_key_is_mainnets() {
    let devnet = Devnet::new();
    let installed = install(&devnet, None);
    devnet.set_root_key_seen_by_canisters(ic_canister_sig_creation::IC_ROOT_PK_DER.to_vec());

    let fresh = devnet.create_canister(controller());
    let refusal = devnet
        .install_code(fresh, wasm("dev_identity"), candid::encode_one(None::<InitArgs>).unwrap(), controller())
        .unwrap_err();
    assert!(refusal.message.contains("refuses to run on the IC mainnet"), "{}", refusal.message);
    let refusal = devnet
        .upgrade_canister(installed, wasm("dev_identity"), candid::encode_args(()).unwrap(), controller())
        .unwrap_err();
    assert!(refusal.message.contains("refuses to run on the IC mainnet"), "{}", refusal.message);

    devnet.set_root_key_seen_by_canisters(devnet.root_key_der());
    devnet.upgrade_canister(installed, wasm("dev_identity"), candid::encode_args(()).unwrap(), controller()).unwrap();
}

fn prepare(devnet: &Devnet, canister: Principal, session_key: &[u8]) -> PreparedDelegation {
    let args = PrepareDelegationArgs {
        user: "erin".into(),
        origin: ORIGIN.into(),
        session_public_key: session_key.to_vec(),
        max_time_to_live: Some(60_000_000_000),
    };
    let reply: Result<PreparedDelegation, DevIdentityError> =
        devnet.update_candid(canister, Principal::anonymous(), "prepare_delegation", (args,)).unwrap();
    reply.unwrap()
}

fn get(devnet: &Devnet, canister: Principal, session_key: &[u8], expiration: u64) -> Result<SignedDelegation, DevIdentityError> {
    let args = GetDelegationArgs { user: "erin".into(), origin: ORIGIN.into(), session_public_key: session_key.to_vec(), expiration };
    devnet.query_candid(canister, Principal::anonymous(), "get_delegation", (args,)).unwrap()
}

#[test]
fn delegations_are_canister_signatures_that_verify_against_the_root_key() {
    let devnet = Devnet::new();
    let canister = install(&devnet, None);
    let session = BasicIdentity::from_raw_key(&[9; 32]);
    let session_key = session.public_key().unwrap();
    assert!(matches!(get(&devnet, canister, &session_key, 1), Err(DevIdentityError::NotReady(_))));

    let prepared = prepare(&devnet, canister, &session_key);
    assert_eq!(prepared.expiration, devnet.time_nanos() + 60_000_000_000);
    assert_eq!(prepared.principal, principal_of(&devnet, canister, "erin").unwrap());
    assert_eq!(prepared.principal, Principal::self_authenticating(&prepared.user_public_key));
    let users: Vec<String> = devnet.query_candid(canister, Principal::anonymous(), "users", ()).unwrap();
    assert!(users.contains(&"erin".to_string()), "signing in registers the user");
    assert!(matches!(get(&devnet, canister, &session_key, prepared.expiration + 1), Err(DevIdentityError::NoSuchDelegation(_))));

    let signed = get(&devnet, canister, &session_key, prepared.expiration).unwrap();
    assert_eq!(signed.delegation.pubkey, session_key);
    let delegation = Delegation { pubkey: session_key.clone(), expiration: prepared.expiration, targets: None, permissions: None };
    ic_signature_verification::verify_canister_sig(
        &delegation.signable(),
        &signed.signature,
        &prepared.user_public_key,
        &devnet.root_key_der()[37..],
    )
    .expect("a canister signature certified by devnet's root key");

    let chain = vec![AgentSignedDelegation { delegation, signature: signed.signature.clone() }];
    let identity = DelegatedIdentity::new_with_root_key(
        prepared.user_public_key.clone(),
        Box::new(BasicIdentity::from_raw_key(&[9; 32])),
        chain.clone(),
        &devnet.root_key_der(),
    )
    .expect("ic-agent accepts the delegation chain");
    assert_eq!(identity.sender().unwrap(), prepared.principal);
    assert!(
        DelegatedIdentity::new(prepared.user_public_key, Box::new(session), chain).is_err(),
        "the mainnet root key does not vouch for devnet's signatures"
    );
}
