//! The core's costly operations: signing, verifying a received file, and the capofila's
//! whole intake (verify + classify + aggregate) of 1,500 files.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use offerta_core::intake::{CheckedFile, Intake};
use offerta_core::signing::{sign_submission, verify_file, SigningKey};
use offerta_core::{demo, fixtures};

fn bench_core(c: &mut Criterion) {
    let crema = demo::crema_2021_owners().remove(6);
    let key = SigningKey::from_bytes(&[7; 32]);
    c.bench_function("sign one submission", |b| {
        b.iter(|| sign_submission(black_box(&crema), &key, "2020-11-20T09:00:00Z"))
    });
    let (files, registry, ambito) = fixtures::lombardy_signed_files(1500, 2027);
    c.bench_function("verify one received file", |b| {
        b.iter(|| verify_file(black_box(&files[0].1), &registry))
    });
    let mut group = c.benchmark_group("intake");
    group.sample_size(10);
    group.bench_function("verify, classify and aggregate 1500 files", |b| {
        // The registry is set once, as the capofila imports it; each drop starts from it.
        let empty = Intake::new(ambito.clone(), 2027, registry.clone());
        b.iter(|| {
            let mut intake = empty.clone();
            // Against the intake's own registry, as the page's drop zone verifies.
            let registry = intake.registry().clone();
            let ambito = intake.ambito().clone();
            let checked = files
                .iter()
                .map(|(n, t)| {
                    CheckedFile::check(n.clone(), t.clone().into_bytes(), &registry)
                        .validated_for(&ambito)
                })
                .collect();
            intake.add(checked);
            offerta_core::planning::plan_of(&intake, &offerta_core::planning::LastYear::default())
        })
    });
    group.finish();
}

criterion_group!(benches, bench_core);
criterion_main!(benches);
