//! Functional core of Offerta Abitativa.
//!
//! Everything that decides something lives here, free of any browser dependency, so that the
//! same code serves the Yew shell (wasm32), the native CLI and native tests.

pub mod aggregate;
pub mod aler;
pub mod ambiti;
pub mod carry_forward;
pub mod chart;
pub mod comparison;
pub mod comuni;
pub mod count;
pub mod demo;
pub mod document;
pub mod export;
pub mod fixtures;
pub mod intake;
pub mod percent;
pub mod plan_file;
pub mod plan_texts;
pub mod previous_plan;
pub mod quota;
pub mod reader;
pub mod receipt;
pub mod request;
pub mod ricognizione;
pub mod rules;
pub mod sections;
pub mod signing;
pub mod stored;
pub mod strict_json;
pub mod submission;
pub mod tables;
pub mod text;
pub mod thresholds;
pub mod typed_text;

pub use aggregate::{aggregate, Plan};

/// The app's version (the workspace's), shown on the page and written into every file the app
/// makes (`scritto_da`), so a file says which copy of the app wrote it.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a file the app writes says of its writer: «Offerta Abitativa 0.1.0».
pub fn written_by() -> String {
    format!("Offerta Abitativa {APP_VERSION}")
}

/// The file form of a JSON document the app also keeps in the browser (a key file, the trust
/// registry): the document with `"scritto_da"` added. The browser keeps the plain form, which
/// older copies of the app sharing the storage still read.
pub(crate) fn file_json_with_writer(document: &impl serde::Serialize) -> String {
    let mut value = serde_json::to_value(document).expect("a document always serialises");
    if let Some(object) = value.as_object_mut() {
        object.insert("scritto_da".into(), written_by().into());
    }
    serde_json::to_string_pretty(&value).expect("a JSON value always serialises")
}

/// Takes `"scritto_da"` (a text saying which copy wrote the file) off a document read from a
/// file, so that the document's own fields are read strictly as before; anything else under
/// that name is left for the strict reader to refuse.
pub(crate) fn strip_writer(value: &mut serde_json::Value) {
    if let Some(object) = value.as_object_mut() {
        if object
            .get("scritto_da")
            .is_some_and(serde_json::Value::is_string)
        {
            object.remove("scritto_da");
        }
    }
}
pub use rules::{validate, Report};
pub use submission::Submission;
