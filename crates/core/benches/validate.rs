//! Re-validation after one keystroke must be far under a millisecond: this measures the whole
//! rule set on the largest realistic submission (the ALER with rows for all 48 comuni).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use offerta_core::{ambiti, fixtures, validate};

fn bench_validate(c: &mut Criterion) {
    let ambito = ambiti::preset("crema").expect("Crema preset");
    for year in [2021, 2026] {
        let submission = fixtures::aler_with_every_comune(&ambito, year);
        let report = validate(&submission, Some(&ambito));
        assert!(report.errors().next().is_none(), "{:#?}", report.findings);
        c.bench_function(&format!("validate ALER 48 comuni, plan {year}"), |b| {
            b.iter(|| validate(black_box(&submission), Some(black_box(&ambito))))
        });
    }
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
