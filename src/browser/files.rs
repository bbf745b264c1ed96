//! Files chosen in a file input or dropped on the page, read with `Blob.arrayBuffer()`
//! (which works from file:// too, and costs less per file than a FileReader with callbacks
//! when a capofila drops a thousand files).

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::Event;

use super::BrowserError;

/// The files of a file input or of a drop.
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// The first file chosen in the file input that fired `e`.
pub fn first_chosen(e: &Event) -> Option<web_sys::File> {
    let input: HtmlInputElement = yew::TargetCast::target_unchecked_into(e);
    list(input.files()).into_iter().next()
}

/// A file's name and bytes, or why the browser could not read it.
pub async fn read(file: web_sys::File) -> (String, Result<Vec<u8>, BrowserError>) {
    let (name, content) = start_reading(file, u64::MAX).await;
    let bytes = match content {
        Content::Bytes(bytes) => Ok(bytes),
        Content::TooLarge(_) => unreachable!("no file is larger than u64::MAX bytes"),
        Content::NotRead(detail) => Err(BrowserError::FileNotRead {
            file: name.clone(),
            detail,
        }),
    };
    (name, bytes)
}

pub enum Content {
    Bytes(Vec<u8>),
    /// Larger than the limit (size in bytes): not copied into the app.
    TooLarge(u64),
    /// The browser could not read it (its own words): e.g. moved, deleted, or on a USB
    /// stick taken out since it was chosen.
    NotRead(String),
}

/// Starts reading now (the browser reads on its own threads) and returns the name and the
/// content when awaited, so a capofila's thousand files are read while the first ones are
/// verified. Chromium answers `File.size` with a synchronous round trip to its browser
/// process (0.13 ms a file), so only a file not named .json is measured before reading;
/// a .json one is measured once read, before it is copied into the app.
pub fn start_reading(
    file: web_sys::File,
    limit: u64,
) -> impl std::future::Future<Output = (String, Content)> {
    let name = file.name();
    let early_size = (!name.to_lowercase().ends_with(".json")).then(|| file.size() as u64);
    let reading = match early_size {
        Some(size) if size > limit => None,
        _ => Some(wasm_bindgen_futures::JsFuture::from(file.array_buffer())),
    };
    async move {
        let Some(reading) = reading else {
            return (name, Content::TooLarge(early_size.unwrap_or_default()));
        };
        let content = match reading.await {
            Ok(buffer) => {
                let bytes = js_sys::Uint8Array::new(&buffer);
                let size = bytes.byte_length() as u64;
                if size > limit {
                    Content::TooLarge(size)
                } else {
                    Content::Bytes(bytes.to_vec())
                }
            }
            Err(error) => Content::NotRead(
                error
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| format!("{error:?}")),
            ),
        };
        (name, content)
    }
}
