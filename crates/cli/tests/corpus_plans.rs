//! The corpus of last year's plans (tests/corpus/piani, issue #25) through `offerta
//! aggregate --previous`, as the capofila of Crema runs it for the 2021 plan with its key
//! registry: every file is verified (the capofila's known key), unverified (said so, never
//! a source of owners) or refused, with the plain Italian reason of expected.tsv; every
//! file has a line there and every line a file.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/piani")
}

/// Files of the directory that are no case: the list and the capofila's registry.
const SUPPORT: [&str; 2] = ["expected.tsv", "registro.json"];

/// (outcome, message) of `--previous plan`: the error of a refused plan, or the line that
/// says whether it is verified followed by the comparison's notes.
fn run(plan: &Path) -> (String, String) {
    let this_year = corpus().join("../valida-castelleone.json");
    let out = Command::new(env!("CARGO_BIN_EXE_offerta"))
        .args([
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--registry",
        ])
        .arg(corpus().join("registro.json"))
        .arg("--previous")
        .arg(plan)
        .arg(this_year)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        assert_eq!(out.status.code(), Some(2), "{err}");
        let line = err.lines().find_map(|l| l.strip_prefix("errore: "));
        return ("rifiutato".into(), line.unwrap_or(&err).to_owned());
    }
    let said: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("Confronto con il piano") || l.starts_with("nota: "))
        .collect();
    let status = said.first().copied().unwrap_or_default();
    let code = if status.contains(", verificato: ") {
        "verificato"
    } else if status.contains(", NON VERIFICATO: ") {
        "non-verificato"
    } else {
        panic!("no status line: {err}")
    };
    (code.into(), said.join(" "))
}

#[test]
fn every_previous_plan_is_verified_unverified_or_refused_with_its_plain_reason() {
    let expected = common::expected(&corpus());
    let listed: BTreeSet<String> = expected.iter().map(|(n, ..)| n.clone()).collect();
    assert_eq!(listed.len(), expected.len(), "a file listed twice");
    let on_disk: BTreeSet<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !SUPPORT.contains(&n.as_str()))
        .collect();
    assert_eq!(
        listed, on_disk,
        "every file has a line and every line a file"
    );
    for (name, code, reason, technical) in &expected {
        let (got, message) = run(&corpus().join(name));
        assert_eq!(&got, code, "{name}: {message}");
        common::check_reason(name, &message, reason, technical.as_deref(), false);
        // An unverified plan is never presented as the capofila's.
        if code == "non-verificato" {
            assert!(
                !message.contains("con la chiave del capofila"),
                "{name}: {message}"
            );
        }
    }
}
