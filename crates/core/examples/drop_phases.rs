//! Where the end of a drop's time goes, natively, at the Region's scale: each phase the page
//! runs once the files are verified (classification, status board, groups, plan, tables).
//! `cargo run --release -p offerta-core --example drop_phases -- 1500 10000`

use std::time::Instant;

use offerta_core::intake::{CheckedFile, Intake};
use offerta_core::planning::{plan_of, LastYear};
use offerta_core::{fixtures, tables};

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    eprintln!("  {what}: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    out
}

fn main() {
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    for count in counts {
        let (files, registry, ambito) = fixtures::lombardy_signed_files(count, 2027);
        eprintln!("{count} files");
        let mut intake = Intake::new(ambito, 2027, registry);
        let registry = intake.registry().clone();
        let checked: Vec<CheckedFile> = timed("verify", || {
            files
                .iter()
                .map(|(n, t)| CheckedFile::check(n.clone(), t.clone().into_bytes(), &registry))
                .collect()
        });
        timed("add_at", || intake.add_at(checked, "2027-03-01T10:00:00Z"));
        timed("status_board", || intake.status_board("2027-03-01"));
        timed("file_groups", || {
            offerta_core::intake::groups::file_groups(intake.received())
        });
        let plan = timed("plan_of", || plan_of(&intake, &LastYear::default()));
        timed("tables", || tables::tables(&plan));
    }
}
