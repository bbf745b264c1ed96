//! Browser plumbing: storage, downloads, files and the clock. No business rule lives here.

/// What the browser could not do, said to the user in their language by `i18n::Texts::explain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserError {
    /// The download of this file could not be offered.
    Download(String),
    /// localStorage refused the key (the key file is the copy to keep).
    KeyNotRemembered,
    /// localStorage refused the trust registry.
    RegistryNotSaved,
    /// localStorage refused the trusted list (no room): it holds while the page is open.
    TrustedListNotSaved,
    /// localStorage refused the texts of the plan document: the work file keeps them.
    TextsNotSaved,
    /// localStorage is full: the draft must go to a file.
    DraftNoSpace,
    /// The browser could not read a chosen file (its own words in `detail`).
    FileNotRead { file: String, detail: String },
    /// Not saved: what is stored there now is not readable by this copy of the app (a later
    /// version wrote it, or it is damaged), and nothing unread is overwritten.
    NotOverwritten(offerta_core::stored::Problem),
    /// The browser refused to keep a damaged item aside: it stays where it is.
    NotSetAside,
}

pub mod download;
pub mod files;
pub mod storage;

/// Now, as RFC 3339 UTC, from the browser's clock (the core reads no clock itself).
pub fn now_rfc3339() -> String {
    let millis = js_sys::Date::now();
    offerta_core::signing::rfc3339_utc((millis / 1000.0) as u64)
}

/// An RFC 3339 instant in the user's local time, the Italian way ("23/11/2026 09:05"); the
/// text as it is when the browser cannot read it.
pub fn local_date_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&rfc3339.into());
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    crate::format::date_time(
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
    )
}

/// Local time of day as "hh:mm", for "salvato alle hh:mm".
pub fn local_hh_mm() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}

/// Milliseconds from `performance.now()`.
pub fn now_ms() -> f64 {
    gloo::utils::window()
        .performance()
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Records `performance.now()` as `window[name]`: the benchmarks read these marks.
pub fn mark(name: &str) {
    mark_value(name, now_ms());
}

/// Records a figure as `window[name]` for the benchmarks.
pub fn mark_value(name: &str, value: f64) {
    let window = gloo::utils::window();
    let _ = js_sys::Reflect::set(&window, &name.into(), &value.into());
}

/// Runs `work`, recording how long it took (ms) as `window[name]` for the benchmarks.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let started = now_ms();
    let out = work();
    mark_value(name, now_ms() - started);
    out
}

/// Adds one to the count `window[name]` (from 0), for the tests and the benchmarks.
pub fn count(name: &str) {
    let window = gloo::utils::window();
    let so_far = js_sys::Reflect::get(&window, &name.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    mark_value(name, so_far + 1.0);
}

/// Moves the keyboard focus to the first element matching `selector`, if any; a heading
/// becomes focusable by script only (tabindex -1), not a stop of the Tab key.
pub fn focus_first(selector: &str) {
    use wasm_bindgen::JsCast;
    let found = gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten();
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        if !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let _ = el.focus();
    }
}

/// The address's hash ("#/capofila"), or "" when it has none.
pub fn location_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Sets the address's hash: a new history entry, so Back returns to the screen before.
pub fn set_location_hash(route: &str) {
    let _ = gloo::utils::window().location().set_hash(route);
}

/// Sets the address's hash in place of the current entry: no new history entry, and no
/// `hashchange` event.
pub fn replace_location_hash(route: &str) {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{route}")),
        );
    }
}

/// Whether this browser keeps what the page stores for this very file only: Firefox gives
/// each file:// page its own storage, so a copy or a move of the HTML file finds none of the
/// drafts kept by the old one.
pub fn storage_follows_the_file() -> bool {
    let window = gloo::utils::window();
    let on_file = window.location().protocol().is_ok_and(|p| p == "file:");
    let firefox = window
        .navigator()
        .user_agent()
        .is_ok_and(|ua| ua.contains("Firefox/"));
    on_file && firefox
}
