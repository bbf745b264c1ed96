//! Issue #24, point 3: a received file has one disposition with one name, said alike by every
//! screen, export, document and CLI line; waiting for a decision is never "missing".
//!
//! One table: for each state of a file, Romanengo's file (a listed owner in the Crema 2021
//! plan, an owner in last year's plan too) is received in that state among the other
//! answers, and the state's name must be found in the status board, the reminder, the
//! ricognizione, the comparison with last year's plan, the document's ricognizione, the
//! verbale di ricezione (text, DOCX, CSV), the XLSX, the CSV and the signed aggregate,
//! wherever that output speaks of the file or of Romanengo. The CLI says the same words (`crates/cli/tests/cli.rs`).

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::io::Read;

use super::*;
use crate::demo;
use crate::fixtures::file_states::{
    cases, cases_signed_digitally, request, romanengo, Case, NOW, ROMANENGO, ROMANENGO_NAME,
};
use crate::planning::LastYear;
use crate::previous_plan::read_previous_plan;
use crate::request::{read_request, Request};
use crate::signing::sign_submission;

/// The Crema 2021 intake with the case's files and registry, last year's plan and the
/// request loaded, seen at [`NOW`].
fn intake_of(case: &Case) -> (Intake, LastYear) {
    let mut intake = Intake::new(
        crate::ambiti::preset("crema").unwrap(),
        2021,
        case.registry.clone(),
    );
    intake.set_now(NOW);
    let previous = crate::previous_plan::tests::crema_2020_signed();
    let mut last_year = LastYear::default();
    last_year
        .set(
            &intake,
            Some(read_previous_plan(previous.as_bytes()).unwrap()),
        )
        .unwrap();
    intake
        .set_request(Some(read_request(request().as_bytes(), None).unwrap()))
        .unwrap();
    let files: Vec<CheckedFile> = case
        .files
        .iter()
        .map(|(n, t)| CheckedFile::check(n.clone(), t.clone().into_bytes(), intake.registry()))
        .chain(
            case.verdicts
                .iter()
                .map(|(n, v)| CheckedFile::unread(n.clone(), v.clone())),
        )
        .collect();
    assert!(intake.add(files).is_empty());
    (intake, last_year)
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unzip(bytes: Vec<u8>, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Everything the capofila hands on or reads, for one intake.
struct Outputs {
    board: status::StatusBoard,
    reminder: String,
    ricognizione: String,
    comparison: Vec<String>,
    document: String,
    docx: String,
    xlsx: String,
    csv: String,
    aggregate: serde_json::Value,
    /// The verbale di ricezione: its text, its DOCX and its CSV.
    verbale: String,
    verbale_docx: String,
    verbale_csv: String,
}

fn outputs(intake: &Intake, last_year: &LastYear) -> Outputs {
    let plan = crate::planning::plan_of(intake, last_year);
    let texts = crate::plan_outputs::default_texts(intake);
    let document = crate::plan_outputs::document(intake, last_year, &plan, &texts);
    let about = crate::plan_outputs::about(intake, NOW);
    let verbale = crate::verbale::verbale(intake, &texts, NOW);
    Outputs {
        board: intake.status_board(NOW),
        reminder: intake
            .status_board(NOW)
            .reminder()
            .map(|r| r.it)
            .unwrap_or_default(),
        ricognizione: plan.ricognizione.sentence().it,
        comparison: last_year
            .comparison(&plan)
            .unwrap()
            .flags
            .iter()
            .filter(|f| f.ente == ROMANENGO_NAME)
            .map(|f| f.reason.it.clone())
            .collect(),
        document: document.text(),
        docx: unzip(
            crate::document::to_docx(&document).unwrap(),
            "word/document.xml",
        ),
        xlsx: unzip(
            crate::export::xlsx(&plan, intake.received(), &about).unwrap(),
            "xl/sharedStrings.xml",
        ),
        csv: crate::export::csv(&plan, intake.received(), &about).unwrap(),
        aggregate: serde_json::from_str(&crate::plan_outputs::aggregate_text(
            intake, &plan, &texts,
        ))
        .unwrap(),
        verbale: verbale.document().text(),
        verbale_docx: unzip(verbale.docx().unwrap(), "word/document.xml"),
        verbale_csv: verbale.csv().unwrap(),
    }
}

#[test]
fn every_file_state_is_said_with_the_same_name_everywhere() {
    let mut seen = std::collections::HashSet::new();
    for case in cases().into_iter().chain(cases_signed_digitally()) {
        let (intake, last_year) = intake_of(&case);
        let state = case.state;
        let name = state.name();
        let ours: Vec<&ReceivedFile> = intake
            .received()
            .iter()
            .filter(|f| f.name.starts_with("romanengo"))
            .collect();
        assert!(
            ours.iter().any(|f| f.state() == state),
            "{state:?}: {:?}",
            ours.iter().map(|f| f.state()).collect::<Vec<_>>()
        );
        seen.insert(state);
        let out = outputs(&intake, &last_year);
        let at = |place: &str, ok: bool| assert!(ok, "{state:?} «{}» not in the {place}", name.it);

        // Every file received is listed with its state's name: the aggregate, the verbale di
        // ricezione (its text, DOCX and CSV), the XLSX and the CSV.
        let files = out.aggregate["file_ricevuti"].as_array().unwrap();
        at(
            "aggregate's file_ricevuti",
            files.iter().any(|f| f["stato"] == name.it.as_str()),
        );
        at("verbale", out.verbale.contains(&name.it));
        at("verbale's DOCX", out.verbale_docx.contains(&xml(&name.it)));
        at(
            "verbale's CSV",
            out.verbale_csv
                .lines()
                .any(|l| l.split(';').any(|cell| cell == name.it)),
        );
        at(
            "XLSX",
            out.xlsx.contains(&format!("<t>{}</t>", xml(&name.it))),
        );
        at(
            "CSV",
            out.csv
                .lines()
                .any(|l| l.split(';').any(|cell| cell == name.it)),
        );

        // Romanengo's row on the board, when the file says it is Romanengo's.
        let row = out
            .board
            .comuni
            .iter()
            .find(|c| c.code.to_string() == ROMANENGO)
            .unwrap();
        // An unreadable file says nothing; an ALER set aside is not Romanengo, whatever it
        // calls itself.
        let attributable = !matches!(
            state,
            FileState::Refused(Refusal::Unreadable) | FileState::OtherAler
        );
        if attributable {
            at(
                "status board",
                row.files
                    .iter()
                    .any(|f| f.state == name && f.file_state == state),
            );
        }

        let answered = matches!(state, FileState::Counted | FileState::Superseded);
        let r = &crate::planning::plan_of(&intake, &last_year).ricognizione;
        let romanengo_named = format!("Romanengo ({})", name.it);
        if answered {
            assert_eq!(row.standing, status::Standing::Answered, "{state:?}");
            assert!(out.comparison.iter().all(|f| !f.contains("non ha inviato")));
        } else if attributable {
            // A file arrived: Romanengo is named with its file's state, never missing.
            at(
                "reminder",
                out.reminder
                    .contains(&format!("- {ROMANENGO_NAME} ({})", name.it)),
            );
            at(
                "ricognizione sentence",
                out.ricognizione.contains(&romanengo_named),
            );
            at(
                "comparison",
                out.comparison.iter().any(|f| f.contains(&name.it)),
            );
            at(
                "document's ricognizione",
                out.document.contains(&romanengo_named),
            );
            at(
                "XLSX ricognizione",
                out.xlsx.contains(&xml(&romanengo_named)),
            );
            at("CSV ricognizione", out.csv.contains(&romanengo_named));
            let listed = |key: &str| {
                out.aggregate["piano"]["ricognizione"][key]
                    .as_array()
                    .is_some_and(|l| {
                        l.iter()
                            .any(|e| e["ente"] == "Romanengo" && e["stato"] == name.it.as_str())
                    })
            };
            at(
                "aggregate's ricognizione",
                listed("in_attesa") || listed("non_conteggiati"),
            );
            assert!(
                !r.inadempienti.contains(&"Romanengo".to_owned()),
                "{state:?}"
            );
            assert!(
                !out.ricognizione.contains("Inadempienti: Romanengo"),
                "{state:?}"
            );
            assert!(
                !out.csv.contains("nessuna scheda);Romanengo"),
                "{state:?}: a file arrived"
            );
            assert!(
                out.comparison.iter().all(|f| !f.contains("non ha inviato")),
                "{state:?}: {:?}",
                out.comparison
            );
        } else {
            // Nothing says it is Romanengo's: Romanengo sent nothing readable.
            assert_eq!(r.inadempienti, ["Romanengo", "Trescore Cremasco"]);
        }

        // Waiting for a decision: «in attesa di verifica», and the plan is a draft.
        let waits = state.waits_for_decision();
        let draft = "bozza: 1 file in attesa di decisione";
        assert_eq!(
            row.standing == status::Standing::Waiting,
            waits,
            "{state:?}: {:?}",
            row.standing
        );
        assert_eq!(
            r.in_attesa.iter().any(|e| e.ente == "Romanengo"),
            waits,
            "{state:?}"
        );
        assert_eq!(
            out.reminder.contains("in attesa di verifica"),
            waits,
            "{state:?}"
        );
        assert_eq!(intake.waiting(), usize::from(waits), "{state:?}");
        assert_eq!(
            out.document.lines().next() == Some(draft),
            waits,
            "{state:?}"
        );
        assert_eq!(out.docx.contains(draft), waits, "{state:?}");
        assert_eq!(
            out.csv
                .trim_start_matches('\u{feff}')
                .lines()
                .next()
                .unwrap()
                .ends_with(draft),
            waits,
            "{state:?}"
        );
        assert_eq!(out.xlsx.contains(draft), waits, "{state:?}");
        assert_eq!(
            out.aggregate["bozza"]["nota"] == draft,
            waits,
            "{state:?}: {}",
            out.aggregate["bozza"]
        );
        assert_eq!(out.aggregate["bozza"].is_null(), !waits, "{state:?}");
    }
    let every: std::collections::HashSet<FileState> = FileState::ALL
        .into_iter()
        .filter(|s| *s != FileState::Duplicate)
        .collect();
    assert_eq!(seen, every, "a case for every state of a received file");
}

/// A file dropped twice is named once, «già caricato», wherever it is said (the page's notice
/// and the CLI take this name).
#[test]
fn a_file_dropped_twice_is_already_loaded() {
    let case = &cases()[0];
    let (mut intake, _) = intake_of(case);
    let again = intake.add(vec![CheckedFile::check(
        "copia-romanengo.json".into(),
        case.files.last().unwrap().1.clone().into_bytes(),
        intake.registry(),
    )]);
    assert_eq!(again, ["copia-romanengo.json"]);
    assert_eq!(FileState::Duplicate.name().it, "già caricato");
}

/// The names are distinct (no two states read alike), and each says something in both
/// languages.
#[test]
fn each_state_has_its_own_name_and_sentence_in_both_languages() {
    let names: std::collections::HashSet<String> =
        FileState::ALL.iter().map(|s| s.name().it).collect();
    assert_eq!(names.len(), FileState::ALL.len());
    for s in FileState::ALL {
        assert_ne!(s.name().it, s.name().en, "{s:?}");
        assert_ne!(s.sentence().it, s.sentence().en, "{s:?}");
        assert!(s.sentence().it.ends_with('.'), "{s:?}");
    }
}

/// The capofila's own file, signed with the key that signed its request, counts with no
/// acceptance; without the request loaded the key is unknown like any other.
#[test]
fn the_capofilas_own_file_signed_with_the_requests_key_needs_no_acceptance() {
    let crema = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019035")
        .unwrap();
    let text = sign_submission(&crema, &demo::fixture_key("019035"), demo::DEMO_SIGNED_AT);
    let mut intake = Intake::new(
        crate::ambiti::preset("crema").unwrap(),
        2021,
        crate::signing::TrustRegistry::default(),
    );
    intake.add(vec![CheckedFile::check(
        "crema.json".into(),
        text.clone().into_bytes(),
        intake.registry(),
    )]);
    assert_eq!(intake.received()[0].state(), FileState::KeyToAccept);
    let request = Request::new(
        &crate::ambiti::preset("crema").unwrap(),
        2021,
        "2021-03-31",
        demo::crema_capofila(),
        "",
    )
    .signed(&demo::fixture_key("019035"), "2020-10-01T09:00:00Z");
    intake
        .set_request(Some(read_request(request.as_bytes(), None).unwrap()))
        .unwrap();
    assert_eq!(intake.received()[0].state(), FileState::Counted);
    assert_eq!(intake.waiting(), 0);
    assert!(
        intake.registry().enti.is_empty(),
        "nothing written to the registry"
    );
    // Another comune's file signed with the capofila's key is not the capofila's.
    let mut other = romanengo();
    other.referente = crema.referente.clone();
    intake.add(vec![CheckedFile::check(
        "romanengo.json".into(),
        sign_submission(&other, &demo::fixture_key("019035"), demo::DEMO_SIGNED_AT).into_bytes(),
        intake.registry(),
    )]);
    assert_eq!(intake.received()[1].state(), FileState::KeyToAccept);
    // Forgetting the request forgets the key.
    intake.set_request(None).unwrap();
    assert_eq!(intake.received()[0].state(), FileState::KeyToAccept);
}
