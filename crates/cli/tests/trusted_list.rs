//! `offerta verify --trusted-list`: the Italian trusted list read and told before the
//! verdicts, and a list refused stops the command before any verdict.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn offerta(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_offerta"))
        .arg("verify")
        .args(args)
        .output()
        .expect("offerta runs")
}

const REAL_LIST: &str = "tests/trusted-list/TSL-IT-2019-09-04-seq141.xml";
const A_FILE: &str = "tests/corpus/piani/alterato.json";

#[test]
fn verify_tells_the_lists_dates_anchors_and_that_it_is_out_of_date() {
    let list = repo(REAL_LIST);
    let out = offerta(&[Path::new("--trusted-list"), &list, &repo(A_FILE)]);
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains("emesso il 2019-09-04"), "{told}");
    assert!(
        told.contains("prossimo aggiornamento entro il 2020-02-27"),
        "{told}"
    );
    // Only the CAs for signatures: 127 of the 133 granted CA/QC services.
    assert!(
        told.contains("(esclusi 6 solo per sigilli o siti web), 127 certificati di CA fidati"),
        "{told}"
    );
    // The CLI's clock is past 2020-02-27.
    assert!(told.contains("l'elenco è scaduto"), "{told}");
    assert!(
        told.contains("la firma dell'elenco non è verificata"),
        "{told}"
    );
    let verdicts = String::from_utf8_lossy(&out.stdout);
    assert_eq!(verdicts.lines().count(), 1, "one line per file: {verdicts}");
}

#[test]
fn a_list_refused_stops_verify_before_any_verdict() {
    let dir = std::env::temp_dir().join(format!("offerta-tsl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let french = dir.join("TSL-FR.xml");
    let text = std::fs::read_to_string(repo(REAL_LIST)).unwrap();
    std::fs::write(
        &french,
        text.replacen("<SchemeTerritory>IT<", "<SchemeTerritory>FR<", 1),
    )
    .unwrap();
    let out = offerta(&[Path::new("--trusted-list"), &french, &repo(A_FILE)]);
    assert_eq!(out.status.code(), Some(2));
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains("un altro Stato («FR»)"), "{told}");
    assert!(out.stdout.is_empty(), "no verdict");
    std::fs::remove_dir_all(&dir).unwrap();
}
