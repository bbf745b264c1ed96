//! Saving a file to the user's disk from a Blob: works from file:// too (no network).

use wasm_bindgen::JsCast;

use super::BrowserError;

/// Offers `content` as a download named `file_name`.
pub fn save_text(file_name: &str, mime: &str, content: &str) -> Result<(), BrowserError> {
    save_bytes(file_name, mime, content.as_bytes())
}

/// Offers `bytes` as a download named `file_name`.
pub fn save_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), BrowserError> {
    let fail = |_| BrowserError::Download(file_name.to_owned());
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoking at once can cancel the download in some browsers; the page keeps few URLs.
    let _ = gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
