//! Functional core of Offerta Abitativa.
//!
//! Everything that decides something lives here, free of any browser dependency, so that the
//! same code serves the Yew shell (wasm32), the native CLI and native tests.

// The modules in layers, bottom to top: a module imports only from its own layer or lower
// ones, with no circle within a layer (crates/core/tests/layers.rs checks it).

// Layer 1 - model: the submission, its sections and the plain data they are made of
pub mod aler;
pub mod ambiti;
pub mod carried;
pub mod comuni;
pub mod count;
pub mod percent;
pub mod sections;
pub mod strict_json;
pub mod submission;
pub mod text;
pub mod thresholds;
pub mod typed_text;

// Layer 2 - readers and rules: a submission read from a file, checked and its quotas counted
pub mod quota;
pub mod reader;
pub mod rules;

// Layer 3 - signing and trust: signatures, keys, the trust registry, receipts
pub mod receipt;
pub mod signing;

// Layer 4 - requests and carried files: the capofila's request, last year's file carried on
pub mod carry_forward;
pub mod request;

// Layer 5 - intake: the files a capofila receives, verified and disposed of
pub mod intake;

// Layer 6 - plan: aggregation, ricognizione, comparison with the last plan, capofila's texts, signed plan file
pub mod aggregate;
pub mod comparison;
pub mod plan_file;
pub mod plan_texts;
pub mod planning;
pub mod previous_plan;
pub mod ricognizione;

// Layer 7 - outputs: tables, CSV and XLSX, the plan document (DOCX), chart, the verbale di ricezione
pub mod chart;
pub mod document;
pub mod export;
pub mod plan_outputs;
pub mod tables;
pub mod verbale;

// Layer 8 - data and storage: the demo, the test fixtures, what the browser keeps
pub mod demo;
pub mod fixtures;
pub mod stored;

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
