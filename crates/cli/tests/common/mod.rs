//! What the two corpus tests share: reading an `expected.tsv` and checking one line's
//! reason against it.

use std::path::Path;

/// (file, outcome code, part of the reason, part of the technical detail if any), from the
/// `expected.tsv` in `dir`.
pub fn expected(dir: &Path) -> Vec<(String, String, String, Option<String>)> {
    std::fs::read_to_string(dir.join("expected.tsv"))
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

/// The plain words come first and hold `reason` without a reader's jargon; the parser's
/// words only as technical detail, holding `technical` when given (and, `strict`, absent
/// when not).
pub fn check_reason(
    name: &str,
    message: &str,
    reason: &str,
    technical: Option<&str>,
    strict: bool,
) {
    let (plain, detail) = message
        .split_once(" (dettagli tecnici: ")
        .unwrap_or((message, ""));
    assert!(plain.contains(reason), "{name}: «{plain}» lacks «{reason}»");
    for jargon in ["JSON", "UTF-8", "riga ", "colonna"] {
        assert!(!plain.contains(jargon), "{name}: «{jargon}» in «{plain}»");
    }
    match technical {
        Some(technical) => assert!(
            detail.contains(technical),
            "{name}: technical detail «{detail}» lacks «{technical}»"
        ),
        None if strict => assert!(detail.is_empty(), "{name}: unexpected detail «{detail}»"),
        None => {}
    }
}
