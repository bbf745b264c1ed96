//! The bad-input corpus dropped on the capofila's page, in both builds: each file shows its
//! Italian reason, names with markup stay text, and the good files still count.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::{Path, PathBuf};

use crate::browser::Browser;
use crate::site::{served_dist, single_file_url};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// A file with a row: its name, a part of its reason, a part of its technical detail if any.
type Row = (String, String, Option<String>);

/// The outcome of a file with the same bytes as one dropped before it: no row of its own,
/// the page says «Già caricato».
const ALREADY_LOADED: &str = "già-caricato";

/// (file, part of the reason, part of the technical detail if any) of the files that get a
/// row, and the files that are copies of another, from expected.tsv.
fn expected() -> (Vec<Row>, Vec<String>) {
    let (copies, rows): (Vec<_>, Vec<_>) = expected_lines()
        .into_iter()
        .partition(|(_, code, _, _)| code == ALREADY_LOADED);
    (
        rows.into_iter().map(|(n, _, r, t)| (n, r, t)).collect(),
        copies.into_iter().map(|(n, _, _, _)| n).collect(),
    )
}

/// (file, outcome code, part of the reason, part of the technical detail if any).
fn expected_lines() -> Vec<(String, String, String, Option<String>)> {
    lines_of(&corpus().join("expected.tsv"))
}

/// The cases of an `expected.tsv`.
fn lines_of(tsv: &Path) -> Vec<(String, String, String, Option<String>)> {
    std::fs::read_to_string(tsv)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].to_owned(),
                f[1].to_owned(),
                f[2].to_owned(),
                f.get(3).map(|t| t.to_string()),
            )
        })
        .collect()
}

fn huge_file() -> PathBuf {
    let path = std::env::temp_dir().join(format!("offerta-e2e-enorme-{}.json", std::process::id()));
    if !path.exists() {
        let pad = "x".repeat(50 * 1024 * 1024);
        std::fs::write(&path, format!("{{\"pad\": \"{pad}\"}}")).unwrap();
    }
    path
}

async fn drop_corpus(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
    b.fill(
        "#registry-import",
        corpus().join("registro.json").to_str().unwrap(),
    )
    .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    let (expected, copies) = expected();
    let mut paths: Vec<String> = expected
        .iter()
        .map(|(n, _, _)| n)
        .chain(&copies)
        .map(|n| corpus().join(n).display().to_string())
        .collect();
    paths.push(huge_file().display().to_string());
    b.fill("#files-input", &paths.join("\n")).await;
    let total = paths.len() - copies.len();
    let already = b
        .text_when("#already-loaded", |t| t.contains("Già caricato"))
        .await;
    for copy in &copies {
        assert!(already.contains(copy.as_str()), "{copy} not in «{already}»");
    }
    b.text_when("#received-count", |t| {
        t.starts_with(&format!("Schede ricevute: {total} "))
    })
    .await;
    // Two files count: a short group, open from the start (issue #28).
    assert!(!b.exists("#files-toggle").await);
    let rows = b.texts("#files-table tbody tr").await;
    let row_of = |rows: &[String], name: &str| {
        rows.iter()
            .find(|r| r.starts_with(name))
            .unwrap_or_else(|| panic!("no row for {name}"))
            .clone()
    };
    // What the clerk reads without opening «Dettagli tecnici».
    let plain: Vec<String> = serde_json::from_value(
        b.client
            .execute(
                "return [...document.querySelectorAll('#files-table tbody tr')].map(tr => {
                     const row = tr.cloneNode(true);
                     row.querySelectorAll('details.technical').forEach(d => d.remove());
                     return row.innerText;
                 })",
                vec![],
            )
            .await
            .unwrap(),
    )
    .unwrap();
    for (name, reason, _) in &expected {
        let row = row_of(&plain, name);
        assert!(
            row.contains(reason.as_str()),
            "{name}: «{row}» lacks «{reason}»"
        );
        // #17 point 7: plain words; the parser's own stay behind «Dettagli tecnici».
        for jargon in ["JSON", "UTF-8", "riga ", "colonna"] {
            assert!(!row.contains(jargon), "{name}: «{jargon}» in «{row}»");
        }
    }
    // A file's line opens on its whole explanation, «Dettagli tecnici» inside.
    b.click("#files-table details.why summary").await;
    b.client
        .execute(
            "document.querySelectorAll('#files-table details').forEach(d => d.open = true)",
            vec![],
        )
        .await
        .unwrap();
    let opened = b.texts("#files-table tbody tr").await;
    for (name, _, technical) in &expected {
        if let Some(technical) = technical {
            let row = row_of(&opened, name);
            assert!(
                row.contains(technical.as_str()),
                "{name}: «{row}» lacks the technical «{technical}»"
            );
        }
    }
    assert!(rows
        .iter()
        .any(|r| r.contains("-enorme-") && r.contains("pesa 50,1 MB")));
    // Markup in a file name is text: nothing of it became an element.
    let injected = b
        .client
        .execute("return document.querySelectorAll('#files-table img, #files-table script, #files-table b').length", vec![])
        .await
        .unwrap();
    assert_eq!(injected, serde_json::Value::from(0));
    // Issue #25: names come from ISTAT and the ambito, not from the files.
    assert!(row_of(&rows, "comune-nome-altrui.json").contains("Comune di Vailate"));
    for aler in ["aler-cirillico.json", "aler-nome-comune.json"] {
        assert_eq!(
            b.file_group(aler).await,
            "2 accantonate: non sono dell'ALER dell'ambito",
            "{aler}"
        );
    }
    assert!(
        rows.iter().all(|r| !r.contains(['\u{200d}', '\u{202e}'])),
        "no invisible character shown raw"
    );
    assert_eq!(
        b.texts("#plan-summary tbody tr").await.len(),
        2,
        "Castelleone and Soncino count"
    );
}

#[tokio::test]
async fn the_bad_input_corpus_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    drop_corpus(&b, &server.url()).await;
    drop_corpus(&b, &single_file_url()).await;
    b.finish().await;
}

/// (file, outcome, part of the reason, part of the technical detail) of the request corpus.
fn request_cases() -> Vec<(String, String, String, Option<String>)> {
    lines_of(&corpus().join("richieste/expected.tsv"))
}

/// Every request of the corpus opened on the home screen, the good one first (so its
/// capofila's key is known, as the CLI's `--capofila-key valida.json`): each bad one says
/// its reason in plain words, the technical part behind «Dettagli tecnici», and leaves the
/// request opened before as it was.
async fn open_request_corpus(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    let dir = corpus().join("richieste");
    let cases = request_cases();
    assert!(cases.len() >= 15, "{} cases", cases.len());
    let (good, bad): (Vec<_>, Vec<_>) = cases.iter().partition(|c| c.1 == "valida");
    assert_eq!(good.len(), 1);
    b.fill("#request-file", dir.join(&good[0].0).to_str().unwrap())
        .await;
    let from = b.text_when("#request-from", |t| !t.is_empty()).await;
    assert!(from.contains("Comune di Crema"), "{from}");
    // A first request: its key is remembered once the fingerprint is confirmed.
    b.click("#request-key-confirm").await;
    b.text_when("#request-key-note", |t| t.contains("Impronta confrontata"))
        .await;
    for (name, _, reason, technical) in bad {
        b.fill("#request-file", dir.join(name).to_str().unwrap())
            .await;
        let shown = b
            .text_when("#request-error > p", |t| t.starts_with(name.as_str()))
            .await;
        assert!(shown.contains(reason.as_str()), "{name}: {shown}");
        for word in ["JSON", "UTF-8", "riga", "colonna"] {
            assert!(
                !shown.contains(word),
                "{name}: «{word}» in the plain words: {shown}"
            );
        }
        if let Some(technical) = technical {
            // Behind the disclosure (open or closed: read as the page holds it).
            let detail = b
                .client
                .execute(
                    "const p = document.querySelector('#request-error details p'); return p ? p.textContent : '';",
                    vec![],
                )
                .await
                .unwrap();
            let detail = detail.as_str().unwrap_or_default();
            assert!(detail.contains(technical.as_str()), "{name}: «{detail}»");
        }
        assert!(
            b.text("#request-from").await.contains("Comune di Crema"),
            "{name} changed the request opened before"
        );
    }
}

#[tokio::test]
async fn the_request_corpus_on_the_home_screen_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    open_request_corpus(&b, &server.url()).await;
    open_request_corpus(&b, &single_file_url()).await;
    b.finish().await;
}
