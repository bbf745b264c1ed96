//! The thin Yew shell of Offerta Abitativa: screens, state and browser plumbing only.
//! Every figure shown is computed by `offerta-core`.

mod app;
mod browser;
mod components;
mod format;
mod hooks;
mod i18n;
mod state;

pub use app::App;
/// The DOM id of a field path's control, for the component tests.
pub use components::dom_id;
pub use state::{Action, AppState, CapofilaAction, CapofilaState, Screen};
