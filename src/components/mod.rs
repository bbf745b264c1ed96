mod capofila;
mod compila;
mod home;
mod plan_table;

pub use capofila::CapofilaScreen;
pub use compila::CompilaScreen;
pub use home::HomeScreen;
pub use plan_table::PlanTable;
