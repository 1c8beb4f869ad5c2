//! Small wrappers over browser APIs: fetch, timers, performance marks, the document title, the clipboard.
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub fn js_error(value: JsValue) -> String {
    value
        .as_string()
        .or_else(|| js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "browser error".into())
}

pub fn window() -> web_sys::Window {
    web_sys::window().expect("running in a browser window")
}

pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(js_error)?;
    let response: web_sys::Response = response.dyn_into().map_err(js_error)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(js_error)?).await.map_err(js_error)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Resolves after `ms` milliseconds (a setTimeout promise).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// How far the network's clock is ahead of this device's (negative: behind), measured when the app
/// connects. A device whose clock is off by minutes would otherwise sign requests the IC refuses as
/// expired, and show countdowns against the wrong time.
static NETWORK_CLOCK_SKEW_NANOS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

pub fn set_network_clock_skew(nanos: i64) {
    NETWORK_CLOCK_SKEW_NANOS.store(nanos, std::sync::atomic::Ordering::Relaxed);
}

pub fn network_clock_skew_nanos() -> i64 {
    NETWORK_CLOCK_SKEW_NANOS.load(std::sync::atomic::Ordering::Relaxed)
}

/// The device's clock in nanoseconds since the epoch (the IC's time unit).
pub fn device_now_nanos() -> u64 {
    (js_sys::Date::now() * 1_000_000.0) as u64
}

/// The network's time as best known: the device's clock corrected by the measured skew. Everything
/// compared with canister time (expiries, vesting, windows, countdowns) uses this.
pub fn now_nanos() -> u64 {
    device_now_nanos().saturating_add_signed(network_clock_skew_nanos())
}

/// A Performance API mark, read by the e2e run to time navigation -> content rendered.
pub fn performance_mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// Titles the tab after the page shown ("Tokens · ICTO"), so each route reads differently in history,
/// tabs and screen readers.
pub fn set_page_title(page: &str) {
    if let Some(document) = window().document() {
        document.set_title(&format!("{page} · ICTO"));
    }
}

/// Copies `text` with the async Clipboard API; false when the browser refuses (no permission, no API).
pub async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else { return false };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()).and_then(|p| p.dyn_into::<js_sys::Promise>()) else {
        return false;
    };
    JsFuture::from(promise).await.is_ok()
}

/// Moves keyboard focus to the element with `id` once it is on the page (after the current render).
pub fn focus_when_shown(id: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        for _ in 0..20 {
            sleep_ms(0).await;
            let element = window().document().and_then(|d| d.get_element_by_id(id));
            if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = element.focus();
                return;
            }
        }
    });
}

/// Milliseconds since navigation (the Performance API clock).
pub fn performance_now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Appends `{method, start, end}` to `window.icto_queries`, so a test can count how many queries ran one
/// after another (sequential rounds) while a page loaded.
pub fn record_query(method: &str, started: f64) {
    let window = window();
    let key = JsValue::from_str("icto_queries");
    let log = match js_sys::Reflect::get(&window, &key).ok().filter(|v| v.is_object()) {
        Some(log) => log,
        None => {
            let log: JsValue = js_sys::Array::new().into();
            let _ = js_sys::Reflect::set(&window, &key, &log);
            log
        }
    };
    let entry = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&entry, &"method".into(), &method.into());
    let _ = js_sys::Reflect::set(&entry, &"start".into(), &started.into());
    let _ = js_sys::Reflect::set(&entry, &"end".into(), &performance_now().into());
    log.unchecked_ref::<js_sys::Array>().push(&entry);
}

/// The tab's sessionStorage (kept across reloads of this tab, gone when it closes).
fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn session_get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

pub fn session_set(key: &str, value: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(key);
    }
}

/// A `datetime-local` input's text ("2026-11-30T14:05") read in the person's time zone, as IC nanoseconds.
pub fn local_time_nanos(text: &str) -> Option<u64> {
    let millis = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(text)).get_time();
    (millis.is_finite() && millis >= 0.0).then(|| millis as u64 * 1_000_000)
}

/// An IC timestamp as the person's local time, "2026-11-30 14:05:09" (also a `datetime-local` value with
/// the `T`, see `local_input`).
pub fn local_time(nanos: u64) -> String {
    local_input(nanos).replace('T', " ")
}

/// An IC timestamp as a `datetime-local` input's text, to the second, in the person's time zone.
pub fn local_input(nanos: u64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64((nanos / 1_000_000) as f64));
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes(), d.get_seconds())
}
