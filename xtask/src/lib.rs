//! Developer tasks of Offerta Abitativa, callable as `cargo xtask <task>`.
//!
//! The library part is shared with the end-to-end tests, which need the same static server
//! and the same paths as `cargo xtask run`.

pub mod bundle;
pub mod paths;
pub mod serve;
pub mod styles;
pub mod tools;
