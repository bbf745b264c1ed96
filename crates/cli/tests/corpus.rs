//! The bad-input corpus (tests/corpus) through `offerta aggregate`: every file gets its own
//! Italian reason and the good files in the same batch still count. A file with the same
//! bytes as an earlier one (`stesso-file.json`) gets the line «già-caricato».

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// (file, outcome code, part of the reason, part of the technical detail if any).
pub fn expected() -> Vec<(String, String, String, Option<String>)> {
    common::expected(&corpus())
}

/// A 50 MB JSON file: too large to be a submission, refused unread.
fn huge_file(dir: &Path) -> PathBuf {
    let path = dir.join("enorme.json");
    let pad = "x".repeat(50 * 1024 * 1024);
    std::fs::write(
        &path,
        format!("{{\"formato\": \"offerta-abitativa/scheda\", \"pad\": \"{pad}\"}}"),
    )
    .unwrap();
    path
}

#[test]
fn every_bad_file_gets_its_reason_and_the_good_ones_count() {
    let scratch = std::env::temp_dir().join(format!("offerta-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let expected = expected();
    let mut files: Vec<PathBuf> = expected
        .iter()
        .map(|(name, _, _, _)| corpus().join(name))
        .collect();
    files.push(huge_file(&scratch));
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
        .arg("--out")
        .arg(scratch.join("piano.json"))
        .arg("--reminder")
        .arg(scratch.join("sollecito.txt"))
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr_text = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: HashMap<String, (String, String)> = stderr_text
        .lines()
        .filter_map(|l| {
            let mut f = l.splitn(3, '\t');
            Some((
                f.next()?.to_owned(),
                (f.next()?.to_owned(), f.next()?.to_owned()),
            ))
        })
        .collect();
    for (name, code, reason, technical) in &expected {
        let (got_code, got_reason) = lines
            .get(name)
            .unwrap_or_else(|| panic!("no line for {name}"));
        assert_eq!(got_code, code, "{name}: {got_reason}");
        common::check_reason(name, got_reason, reason, technical.as_deref(), false);
    }
    let (code, reason) = &lines["enorme.json"];
    assert_eq!(code, "illeggibile");
    assert!(reason.contains("pesa 50,1 MB"), "{reason}");
    assert!(lines["valida-castelleone.json"]
        .1
        .starts_with("conteggiata"));
    assert!(lines["bom-utf8.json"].1.starts_with("conteggiata"));
    // The hostile files signed with registered keys are held back, each in its own way.
    assert!(lines["data-futura.json"]
        .1
        .starts_with("data da confermare: "));
    for (name, state) in [
        ("referente-bidi.json", "scartata: non rispetta le regole: "),
        ("testo-nul.json", "scartata: non rispetta le regole: "),
        ("chiave-revocata.json", "firmata con una chiave revocata: "),
        (
            "comune-nome-altrui.json",
            "scartata: non rispetta le regole: ",
        ),
        ("comune-nome-zwj.json", "scartata: non rispetta le regole: "),
        (
            "aler-cirillico.json",
            "accantonata: non è l'ALER dell'ambito: ",
        ),
        (
            "aler-nome-comune.json",
            "accantonata: non è l'ALER dell'ambito: ",
        ),
    ] {
        assert!(
            lines[name].1.starts_with(state),
            "{name}: {:?}",
            lines[name]
        );
    }
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains(['\u{202e}', '\u{200d}']),
        "no invisible character reaches the capofila's screen raw"
    );
    // Issue #25: the board names each comune as ISTAT does, once; Vailate's file is on
    // Vailate's line whatever it calls itself.
    let board: Vec<&str> = stderr_text
        .lines()
        .filter(|l| l.starts_with("stato\t"))
        .collect();
    assert_eq!(
        board
            .iter()
            .filter(|l| l.starts_with("stato\tComune di Crema\t"))
            .count(),
        1
    );
    assert!(board
        .iter()
        .any(|l| l.starts_with("stato\tComune di Vailate\t")
            && l.contains("comune-nome-altrui.json")));
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scratch.join("piano.json")).unwrap())
            .unwrap();
    assert_eq!(
        plan["piano"]["per_ente"].as_array().unwrap().len(),
        2,
        "Castelleone and Soncino count"
    );
}
