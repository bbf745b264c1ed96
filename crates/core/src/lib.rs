//! Functional core of Offerta Abitativa.
//!
//! Everything that decides something lives here, free of any browser dependency, so that the
//! same code serves the Yew shell (wasm32), the native CLI and native tests.

pub mod aggregate;
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
pub use rules::{validate, Report};
pub use submission::Submission;
