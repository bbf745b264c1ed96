mod accessibility;
mod capofila;
mod compila;
mod form;
mod home;
mod key_panel;
mod long_table;
mod plan_table;
mod plan_tables;
mod scroll_region;

pub use accessibility::AccessibilityStatement;
pub use capofila::CapofilaScreen;
pub use compila::CompilaScreen;
pub use home::HomeScreen;
pub use key_panel::KeyPanel;
pub use plan_table::PlanTable;
pub use plan_tables::PlanTables;
pub use scroll_region::ScrollRegion;
