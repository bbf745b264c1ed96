//! The request corpus (tests/corpus/richieste) through `offerta verify-request`, as a comune
//! that kept an earlier request of its capofila runs it (`--capofila-key valida.json`):
//! every file gets the outcome and the plain Italian reason of expected.tsv, every file has
//! a line there and every line a file.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/richieste")
}

fn expected() -> Vec<(String, String, String, Option<String>)> {
    common::expected(&corpus())
}

fn verify_request(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_offerta"))
        .arg("verify-request")
        .args(args)
        .output()
        .unwrap()
}

/// The lines of standard output by file name: (outcome, message).
fn lines(out: &Output) -> HashMap<String, (String, String)> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let mut f = l.splitn(3, '\t');
            let (path, code, message) = (f.next().unwrap(), f.next(), f.next());
            let name = Path::new(path).file_name().unwrap().to_string_lossy();
            (
                name.into_owned(),
                (
                    code.unwrap_or_else(|| panic!("no outcome: {l}")).to_owned(),
                    message
                        .unwrap_or_else(|| panic!("no message: {l}"))
                        .to_owned(),
                ),
            )
        })
        .collect()
}

#[test]
fn every_request_file_gets_its_outcome_and_its_plain_reason() {
    let expected = expected();
    let listed: BTreeSet<String> = expected.iter().map(|(n, ..)| n.clone()).collect();
    assert_eq!(listed.len(), expected.len(), "a file listed twice");
    let on_disk: BTreeSet<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.tsv")
        .collect();
    assert_eq!(
        listed, on_disk,
        "every file has a line and every line a file"
    );

    let files: Vec<PathBuf> = expected.iter().map(|(n, ..)| corpus().join(n)).collect();
    let known = corpus().join("valida.json");
    let mut args: Vec<&Path> = vec![Path::new("--capofila-key"), &known];
    args.extend(files.iter().map(PathBuf::as_path));
    let out = verify_request(&args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some file refused: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert_eq!(got.len(), expected.len(), "one line per file");
    for (name, code, reason, technical) in &expected {
        let (got_code, message) = got
            .get(name)
            .unwrap_or_else(|| panic!("no line for {name}"));
        assert_eq!(got_code, code, "{name}: {message}");
        common::check_reason(name, message, reason, technical.as_deref(), true);
    }
}

#[test]
fn only_the_known_key_refuses_the_request_signed_by_another() {
    // Without the capofila's known key the request signed by another key verifies (its
    // signature holds): the refusal in the corpus is the key check's, not the signature's.
    let other = corpus().join("altra-chiave.json");
    let out = verify_request(&[&other]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out)["altra-chiave.json"].0, "valida");
    // The valid request checked against itself is still valid, and alone exits 0.
    let valid = corpus().join("valida.json");
    let out = verify_request(&[Path::new("--capofila-key"), &valid, &valid]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out)["valida.json"].0, "valida");
}
