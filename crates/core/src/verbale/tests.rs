//! The verbale di ricezione: every file of a mixed drop once, by its disposition's one name
//! (the status board's and the CSV's), the key that signed it and whose it is, a heading and
//! a count per disposition; the same bytes for the same inputs.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::io::Read;

use super::*;
use crate::fixtures::file_states::{cases, request, NOW};
use crate::intake::CheckedFile;
use crate::request::read_request;
use crate::{ambiti, demo};

/// The Crema 2021 answers and, in one drop, Romanengo's files of every case whose registry is
/// the ordinary one: counted, later and earlier, future, another key, altered, unsigned,
/// unreadable, demo key, breaking a rule, last year's, posing as an ALER.
fn mixed_drop() -> Intake {
    let all = cases();
    let counted = &all[0];
    assert_eq!(counted.state, FileState::Counted);
    let mut files: Vec<(String, String)> = counted.files.clone();
    for (i, case) in all.iter().enumerate() {
        if case.registry != counted.registry {
            continue;
        }
        for (name, text) in case
            .files
            .iter()
            .filter(|(n, _)| n.starts_with("romanengo"))
        {
            if !files.iter().any(|(_, t)| t == text) {
                files.push((format!("caso-{i}-{name}"), text.clone()));
            }
        }
    }
    let mut intake = Intake::new(
        ambiti::preset("crema").unwrap(),
        2021,
        counted.registry.clone(),
    );
    intake.set_now(NOW);
    intake
        .set_request(Some(read_request(request().as_bytes(), None).unwrap()))
        .unwrap();
    let checked = files
        .into_iter()
        .map(|(n, t)| CheckedFile::check(n, t.into_bytes(), intake.registry()))
        .collect();
    assert!(intake.add(checked).is_empty(), "no file twice");
    intake
}

fn texts(intake: &Intake) -> PlanTexts {
    PlanTexts::defaults(intake.ambito(), intake.year())
}

/// The text of `word/document.xml`: a line per paragraph, a line per table row with its
/// cells separated by tabs.
fn docx_text(bytes: &[u8]) -> String {
    crate::document::tests::docx_text(bytes)
}

#[test]
fn every_file_of_a_mixed_drop_appears_once_with_its_dispositions_one_name() {
    let intake = mixed_drop();
    let received = intake.received();
    let states: std::collections::HashSet<FileState> = received.iter().map(|f| f.state()).collect();
    assert!(states.len() >= 10, "a mixed drop: {states:?}");
    let v = verbale(&intake, &texts(&intake), NOW);
    assert_eq!(v.files.rows.len(), received.len(), "one row per file");
    let board = intake.status_board(NOW);
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    let about = crate::plan_outputs::about(&intake, NOW);
    let plan_csv = crate::export::csv(&plan, received, &about).unwrap();
    let verbale_csv = v.csv().unwrap();
    let docx = docx_text(&v.docx().unwrap());
    for f in received.iter() {
        let name = f.state().name();
        let rows: Vec<&Vec<Cell>> = v
            .files
            .rows
            .iter()
            .filter(|r| r[0] == Cell::text(f.shown_name()))
            .collect();
        assert_eq!(rows.len(), 1, "{} once", f.name);
        assert_eq!(rows[0][2], Cell::Label(name.clone()), "{}", f.name);
        assert_eq!(rows[0][3], Cell::Label(f.explanation()), "{}", f.name);
        // The status board says the same name, wherever it lists the file.
        for on_board in board
            .comuni
            .iter()
            .flat_map(|c| &c.files)
            .filter(|a| a.name == f.name)
        {
            assert_eq!(on_board.state, name, "{}: board", f.name);
        }
        // So do the plan's CSV and the verbale's CSV and DOCX, on the file's line.
        let line_of = |text: &str, sep: char| -> Vec<String> {
            let lines: Vec<Vec<String>> = text
                .lines()
                .map(|l| l.split(sep).map(str::to_owned).collect::<Vec<_>>())
                .filter(|cells| cells[0] == f.shown_name())
                .collect();
            assert_eq!(lines.len(), 1, "{}: {lines:?}", f.name);
            lines[0].clone()
        };
        assert_eq!(line_of(&plan_csv, ';')[2], name.it, "{}: plan CSV", f.name);
        assert_eq!(
            line_of(&verbale_csv, ';')[2],
            name.it,
            "{}: verbale CSV",
            f.name
        );
        assert_eq!(line_of(&docx, '\t')[2], name.it, "{}: DOCX", f.name);
    }
    // The count per disposition adds up to the files, each name once.
    let total: u64 = v
        .summary
        .rows
        .iter()
        .map(|r| match r[1] {
            Cell::Count(n) => n,
            _ => panic!("a count"),
        })
        .sum();
    assert_eq!(total, received.len() as u64);
    assert_eq!(v.summary.rows.len(), states.len());
    for state in &states {
        let n = received.iter().filter(|f| f.state() == *state).count() as u64;
        assert!(
            v.summary
                .rows
                .contains(&vec![Cell::Label(state.name()), Cell::Count(n)]),
            "{state:?}"
        );
    }
    assert_eq!(
        v.summary.total,
        Some(vec![
            Cell::label("Totale", "Total"),
            Cell::Count(received.len() as u64)
        ])
    );
}

#[test]
fn the_heading_says_year_ambito_capofila_and_the_day_given() {
    let intake = mixed_drop();
    let v = verbale(&intake, &texts(&intake), "2020-11-25T10:00:00Z");
    let text = v.document().text();
    let lines: Vec<&str> = text.lines().take(7).collect();
    assert!(intake.waiting() > 0, "files wait: the verbale says so");
    assert_eq!(
        lines[..6],
        [
            "Verbale di ricezione delle schede della ricognizione",
            "Piano annuale dell'offerta dei servizi abitativi pubblici e sociali - anno 2021",
            "Ambito territoriale: Ambito distrettuale di Crema (Cremasco)",
            &format!("Comune capofila: {}", texts(&intake).comune_capofila),
            &format!("Prodotto il 25/11/2020 con {}", crate::written_by()),
            &format!("Bozza: {} file in attesa di decisione", intake.waiting()),
        ]
    );
    assert!(lines[6].contains("non fa parte del piano approvato dall'Assemblea dei Sindaci"));
    let docx = docx_text(&v.docx().unwrap());
    assert_eq!(docx, text, "the DOCX holds the same text in order");
    let csv = v.csv().unwrap();
    let first: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().take(7).collect();
    assert_eq!(
        first[..6],
        lines[..6],
        "the CSV starts with the same heading"
    );
    assert!(csv.contains("\nRiepilogo per esito\nEsito;File\n"));
    assert!(csv.contains("\nFile ricevuti, con l'esito della verifica\nFile;Ente;Esito;Motivo;Chiave o firma digitale;Firmato il;Impronta della chiave\n"));
}

/// No clock: the same intake, texts and day give the same bytes; another day changes only
/// the day said.
#[test]
fn the_same_inputs_give_the_same_bytes() {
    let intake = mixed_drop();
    let (a, b) = (
        verbale(&intake, &texts(&intake), NOW),
        verbale(&intake, &texts(&intake), NOW),
    );
    assert_eq!(a.docx().unwrap(), b.docx().unwrap());
    assert_eq!(a.csv().unwrap(), b.csv().unwrap());
    let later = verbale(&intake, &texts(&intake), "2020-12-01T08:00:00Z");
    assert_eq!(
        later.csv().unwrap().replace("01/12/2020", "25/11/2020"),
        a.csv().unwrap()
    );
    assert_eq!(
        file_name(&intake, "docx"),
        "verbale-ricezione-crema-2021.docx"
    );
}

fn row_of<'a>(v: &'a Verbale, name: &str) -> &'a Vec<Cell> {
    v.files
        .rows
        .iter()
        .find(|r| r[0] == Cell::text(name))
        .unwrap_or_else(|| panic!("no row {name}"))
}

fn said(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Label(l) => l.it.clone(),
        Cell::Count(n) => n.to_string(),
    }
}

#[test]
fn each_file_says_whose_key_signed_it_when_and_its_fingerprint() {
    let intake = mixed_drop();
    let v = verbale(&intake, &texts(&intake), NOW);
    let counted = intake
        .received()
        .iter()
        .find(|f| f.name == "romanengo.json")
        .unwrap();
    let row = row_of(&v, "romanengo.json");
    assert_eq!(said(&row[1]), "Comune di Romanengo");
    assert_eq!(
        said(&row[4]),
        "chiave registrata per Comune di Romanengo il 01/01/2020 (nota: chiave di prova)"
    );
    assert_eq!(said(&row[5]), "20/11/2020 09:00");
    assert_eq!(said(&row[6]), counted.verified.fingerprint.clone().unwrap());
    // Signed with a key the registry does not know.
    let other_key = intake
        .received()
        .iter()
        .find(|f| f.state() == FileState::KeyChanged)
        .unwrap();
    let row = row_of(&v, &other_key.shown_name());
    assert_eq!(said(&row[4]), "chiave non registrata per alcun ente");
    assert_eq!(
        said(&row[6]).len(),
        24,
        "its fingerprint: {}",
        said(&row[6])
    );
    // The demo key, and no signature at all.
    let demo_key = intake
        .received()
        .iter()
        .find(|f| f.state() == FileState::Refused(crate::intake::Refusal::DemoKey))
        .unwrap();
    assert!(said(&row_of(&v, &demo_key.shown_name())[4]).starts_with("chiave dimostrativa"));
    for refusal in [
        crate::intake::Refusal::Unsigned,
        crate::intake::Refusal::InvalidSignature,
        crate::intake::Refusal::Unreadable,
    ] {
        let f = intake
            .received()
            .iter()
            .find(|f| f.state() == FileState::Refused(refusal))
            .unwrap();
        let row = row_of(&v, &f.shown_name());
        assert_eq!(said(&row[4]), "nessuna firma valida", "{refusal:?}");
        assert_eq!(said(&row[5]), "", "{refusal:?}");
        assert_eq!(said(&row[6]), "", "{refusal:?}");
    }
}

/// A key the registry holds as revoked says so; the capofila's own file signed with its
/// request's key says it is the capofila's key.
#[test]
fn a_revoked_key_and_the_capofilas_own_key_are_named_as_such() {
    let revoked = cases()
        .into_iter()
        .find(|c| c.state == FileState::KeyRevoked)
        .unwrap();
    let mut intake = Intake::new(ambiti::preset("crema").unwrap(), 2021, revoked.registry);
    let checked = revoked
        .files
        .into_iter()
        .map(|(n, t)| CheckedFile::check(n, t.into_bytes(), intake.registry()))
        .collect();
    intake.add(checked);
    let v = verbale(&intake, &texts(&intake), NOW);
    let key = said(&row_of(&v, "romanengo.json")[4]);
    assert!(
        key.starts_with("chiave registrata per Comune di Romanengo il 01/01/2020")
            && key.ends_with("; revocata dal 10/11/2020 (motivo: chiave rubata)"),
        "{key}"
    );

    let crema = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019035")
        .unwrap();
    let text =
        crate::signing::sign_submission(&crema, &demo::fixture_key("019035"), demo::DEMO_SIGNED_AT);
    let mut intake = Intake::new(
        ambiti::preset("crema").unwrap(),
        2021,
        crate::signing::TrustRegistry::default(),
    );
    intake
        .set_request(Some(read_request(request().as_bytes(), None).unwrap()))
        .unwrap();
    let checked = CheckedFile::check("crema.json".into(), text.into_bytes(), intake.registry());
    intake.add(vec![checked]);
    let v = verbale(&intake, &texts(&intake), NOW);
    let row = row_of(&v, "crema.json");
    assert_eq!(said(&row[2]), "conteggiata");
    assert_eq!(
        said(&row[4]),
        "chiave del comune capofila, la stessa che ha firmato la richiesta"
    );
}

/// A file's name with a character XML cannot carry is shown as its code point, and the
/// verbale's DOCX stays well-formed; with no file at all it says so.
#[test]
fn odd_names_and_no_files_leave_a_readable_verbale() {
    let (files, registry) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(ambiti::preset("crema").unwrap(), 2021, registry);
    let empty = verbale(&intake, &texts(&intake), NOW);
    assert!(empty.document().text().contains("Nessun file ricevuto."));
    assert!(empty.docx().is_ok() && empty.csv().is_ok());
    let (name, text) = &files[0];
    let checked = CheckedFile::check(
        format!("\u{1b}[31m{name}"),
        text.clone().into_bytes(),
        intake.registry(),
    );
    intake.add(vec![checked]);
    let bytes = verbale(&intake, &texts(&intake), NOW).docx().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains(&format!("[U+001B][31m{name}")),
        "the name shown"
    );
    assert!(!xml.chars().any(|c| c < ' ' && !"\t\n\r".contains(c)));
}
