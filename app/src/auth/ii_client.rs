//! The Internet Identity client protocol (window messages with the provider's page):
//! open `<provider>#authorize` -> `authorize-ready` -> send `authorize-client` with the session public key
//! -> receive `authorize-client-success` with the delegation chain. Works with the real II and the dev provider.
use futures::channel::oneshot;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::session::{Session, StoredDelegation};
use crate::browser::{js_error, sleep_ms, window};

/// Eight hours, as II's default.
pub const DEFAULT_MAX_TTL_NANOS: u64 = 8 * 3600 * 1_000_000_000;

pub async fn login(provider_url: &str, max_ttl_nanos: u64) -> Result<Session, String> {
    let session_key = super::session_key::SessionKey::generate().await?;
    let session_public_key = session_key.der_public_key().to_vec();
    let provider_origin = origin_of(provider_url)?;

    let popup_url = format!("{}#authorize", provider_url.trim_end_matches('#'));
    let popup = window()
        .open_with_url_and_target_and_features(&popup_url, "idpWindow", "width=500,height=640,left=100,top=100")
        .map_err(js_error)?
        .ok_or("The browser blocked the login window.")?;

    let (sender, receiver) = oneshot::channel::<Result<(Vec<StoredDelegation>, Vec<u8>), String>>();
    let sender = Rc::new(RefCell::new(Some(sender)));
    let popup_for_reply = popup.clone();
    let listener = {
        let sender = sender.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            // Only the provider's window we opened may answer.
            let from_popup = event.source().is_some_and(|source| Object::is(&source, &popup_for_reply));
            if event.origin() != provider_origin || !from_popup {
                return;
            }
            let data = event.data();
            let kind = get_string(&data, "kind").unwrap_or_default();
            let outcome = match kind.as_str() {
                "authorize-ready" => {
                    let request = authorize_request(&session_public_key, max_ttl_nanos);
                    let _ = popup_for_reply.post_message(&request, &provider_origin);
                    return;
                }
                "authorize-client-success" => parse_success(&data),
                "authorize-client-failure" => Err(get_string(&data, "text").unwrap_or_else(|| "Login failed.".into())),
                _ => return,
            };
            if let Some(sender) = sender.borrow_mut().take() {
                let _ = sender.send(outcome);
            }
        })
    };
    window()
        .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
        .map_err(js_error)?;

    // Also notice when the person closes the window without logging in.
    let watcher_sender = sender.clone();
    let watched_popup = popup.clone();
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            sleep_ms(500).await;
            if watcher_sender.borrow().is_none() {
                break;
            }
            if watched_popup.closed().unwrap_or(true) {
                if let Some(sender) = watcher_sender.borrow_mut().take() {
                    let _ = sender.send(Err("The login window was closed.".into()));
                }
                break;
            }
        }
    });

    let outcome = receiver.await.map_err(|_| "Login was interrupted.".to_string())?;
    let _ = window().remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    drop(listener);
    let _ = popup.close();

    let (delegations, user_public_key) = outcome?;
    let session = Session::new(session_key, user_public_key, &delegations)?;
    if session.is_expired() {
        return Err("The provider returned an expired delegation.".into());
    }
    session.save().await?;
    Ok(session)
}

fn origin_of(url: &str) -> Result<String, String> {
    let parsed = web_sys::Url::new(url).map_err(|_| format!("bad identity provider URL: {url}"))?;
    Ok(parsed.origin())
}

fn authorize_request(session_public_key: &[u8], max_ttl_nanos: u64) -> JsValue {
    let request = Object::new();
    let _ = Reflect::set(&request, &"kind".into(), &"authorize-client".into());
    let _ = Reflect::set(&request, &"sessionPublicKey".into(), &Uint8Array::from(session_public_key).into());
    let _ = Reflect::set(&request, &"maxTimeToLive".into(), &js_sys::BigInt::from(max_ttl_nanos).into());
    request.into()
}

fn get(value: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(value, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn get_string(value: &JsValue, key: &str) -> Option<String> {
    get(value, key)?.as_string()
}

fn get_bytes(value: &JsValue, key: &str) -> Result<Vec<u8>, String> {
    let field = get(value, key).ok_or(format!("missing {key}"))?;
    if let Some(bytes) = field.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = field.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    if Array::is_array(&field) {
        return Ok(Uint8Array::new(&field).to_vec());
    }
    Err(format!("{key} is not bytes"))
}

fn get_u64(value: &JsValue, key: &str) -> Result<u64, String> {
    let field = get(value, key).ok_or(format!("missing {key}"))?;
    let text = if let Some(big) = field.dyn_ref::<js_sys::BigInt>() {
        big.to_string(10).map_err(|e| js_error(e.into()))?.as_string().unwrap_or_default()
    } else if let Some(text) = field.as_string() {
        text
    } else if let Some(number) = field.as_f64() {
        format!("{number:.0}")
    } else {
        return Err(format!("{key} is not a number"));
    };
    text.parse().map_err(|_| format!("{key} is not a number"))
}

fn parse_success(data: &JsValue) -> Result<(Vec<StoredDelegation>, Vec<u8>), String> {
    let user_public_key = get_bytes(data, "userPublicKey")?;
    let list = get(data, "delegations").ok_or("missing delegations")?;
    let list: Array = list.dyn_into().map_err(|_| "delegations is not a list")?;
    let mut delegations = Vec::new();
    for signed in list.iter() {
        let delegation = get(&signed, "delegation").ok_or("missing delegation")?;
        let targets = match get(&delegation, "targets") {
            None => None,
            Some(targets) => {
                let targets: Array = targets.dyn_into().map_err(|_| "targets is not a list")?;
                let mut principals = Vec::new();
                for target in targets.iter() {
                    let text = target.as_string().or_else(|| {
                        let to_text = Reflect::get(&target, &"toText".into()).ok()?;
                        let to_text: js_sys::Function = to_text.dyn_into().ok()?;
                        to_text.call0(&target).ok()?.as_string()
                    });
                    let text = text.ok_or("a target is not a principal")?;
                    principals.push(candid::Principal::from_text(text).map_err(|e| e.to_string())?);
                }
                Some(principals)
            }
        };
        delegations.push(StoredDelegation {
            pubkey: hex::encode(get_bytes(&delegation, "pubkey")?),
            expiration: get_u64(&delegation, "expiration")?,
            targets,
            signature: hex::encode(get_bytes(&signed, "signature")?),
        });
    }
    if delegations.is_empty() {
        return Err("The provider returned no delegation.".into());
    }
    Ok((delegations, user_public_key))
}
