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

pub use aggregate::{aggregate, Plan};
pub use rules::{validate, Report};
pub use submission::Submission;
