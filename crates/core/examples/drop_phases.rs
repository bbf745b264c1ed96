//! Where the end of a drop's time goes, natively, at the Region's scale: each phase the page
//! runs once the files are verified (classification, status board, groups, plan, tables).
//! `cargo run --release -p offerta-core --example drop_phases -- 1500 10000`

use std::time::Instant;

use offerta_core::intake::{CheckedFile, Intake};
use offerta_core::planning::{plan_of, LastYear};
use offerta_core::{fixtures, tables};

/// The time this thread ran on a CPU (ns, Linux's `/proc/thread-self/schedstat`): unlike
/// the wall clock, it does not grow when other processes take the CPU.
fn cpu_ns() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let (start, cpu) = (Instant::now(), cpu_ns());
    let out = f();
    let wall = start.elapsed().as_secs_f64() * 1e3;
    match cpu.zip(cpu_ns()) {
        Some((a, b)) => eprintln!(
            "  {what}: {:.1} ms on the CPU ({wall:.1} ms)",
            (b - a) / 1e6
        ),
        None => eprintln!("  {what}: {wall:.1} ms"),
    }
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
        let (registry, ambito) = (intake.registry().clone(), intake.ambito().clone());
        let checked: Vec<CheckedFile> = timed("verify", || {
            files
                .iter()
                .map(|(n, t)| {
                    CheckedFile::check(n.clone(), t.clone().into_bytes(), &registry)
                        .validated_for(&ambito)
                })
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
