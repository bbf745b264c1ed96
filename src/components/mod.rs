mod capofila;
mod compila;
mod home;
mod key_panel;
mod plan_table;

pub use capofila::CapofilaScreen;
pub use compila::CompilaScreen;
pub use home::HomeScreen;
pub use key_panel::KeyPanel;
pub use plan_table::PlanTable;
