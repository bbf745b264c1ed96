//! The request corpus (tests/corpus/richieste) through `offerta verify-request`, as a comune
//! that kept an earlier request of its capofila runs it (`--capofila-key valida.json`):
//! every file gets the outcome and the plain Italian reason of expected.tsv, every file has
//! a line there and every line a file.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/richieste")
}

/// (file, outcome, part of the Italian reason, part of the technical detail if any).
fn expected() -> Vec<(String, String, String, Option<String>)> {
    std::fs::read_to_string(corpus().join("expected.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut f = l.split('\t').map(str::to_owned);
            (
                f.next().unwrap(),
                f.next().unwrap(),
                f.next().unwrap(),
                f.next(),
            )
        })
        .collect()
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
        // The plain words come first; the parser's words only as technical detail.
        let (plain, detail) = message
            .split_once(" (dettagli tecnici: ")
            .unwrap_or((message, ""));
        assert!(
            plain.contains(reason.as_str()),
            "{name}: «{plain}» lacks «{reason}»"
        );
        for jargon in ["JSON", "UTF-8", "riga", "colonna"] {
            assert!(!plain.contains(jargon), "{name}: «{jargon}» in «{plain}»");
        }
        match technical {
            Some(technical) => assert!(
                detail.contains(technical.as_str()),
                "{name}: technical detail «{detail}» lacks «{technical}»"
            ),
            None => assert!(detail.is_empty(), "{name}: unexpected detail «{detail}»"),
        }
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
