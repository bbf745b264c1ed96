//! Files chosen in a file input or dropped on the page, read with `Blob.arrayBuffer()`
//! (which works from file:// too, and costs less per file than a FileReader with callbacks
//! when a capofila drops a thousand files).

use web_sys::HtmlInputElement;
use yew::Event;

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

/// A file's name and bytes (none when the browser cannot read it).
pub async fn read(file: web_sys::File) -> (String, Vec<u8>) {
    let name = file.name();
    let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .unwrap_or_default();
    (name, bytes)
}

/// A file's name and text; `None` when it is not UTF-8 text or cannot be read.
pub async fn read_text(file: web_sys::File) -> (String, Option<String>) {
    let (name, bytes) = read(file).await;
    (name, String::from_utf8(bytes).ok())
}
