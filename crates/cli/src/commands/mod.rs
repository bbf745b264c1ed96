//! One module per subcommand, each with its `run`: what the command reads, what it asks the
//! core, what it prints and writes. Shared reads and writes are in [`crate::files`] and
//! [`crate::inputs`], the printed lines go through [`crate::output`].

pub mod aggregate;
pub mod demo;
pub mod generate;
pub mod keygen;
pub mod nuovo_anno;
pub mod richiesta;
pub mod rules;
pub mod sign;
pub mod trust;
pub mod verify;
pub mod verify_request;
