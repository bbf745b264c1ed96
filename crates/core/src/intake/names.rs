//! Issue #25, third point: names are not taken from the files. A comune is named by ISTAT
//! for its code; an ALER counts only under its ambito's ALER's name (composed, NFC); a
//! look-alike is set aside and never counted as a second ALER.

use super::*;
use crate::ambiti;
use crate::demo;
use crate::signing::SigningKey;
use crate::signing::{multikey, sign_submission};
use crate::submission::Ente;

/// The Crema 2021 intake, every file trusted, with the file of `ente_id` replaced by its
/// submission changed by `change` and signed with `key` (trusted for the changed ente's id
/// when `trust`, as once the capofila accepted it).
fn crema_with(
    ente_id: &str,
    change: impl Fn(&mut Submission),
    key: &SigningKey,
    trust: bool,
) -> Intake {
    let (files, mut registry) = demo::crema_2021_signed_files();
    let mut s = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == ente_id)
        .unwrap();
    change(&mut s);
    if trust {
        let public = multikey::public_key_multibase(&key.verifying_key());
        registry.accept(&s.ente.id(), "ente", &public, "2020-01-01T00:00:00Z", "");
    }
    let forged = (
        "forged.json".to_owned(),
        sign_submission(&s, key, demo::DEMO_SIGNED_AT),
    );
    let mut intake = Intake::new(ambiti::preset("crema").unwrap(), 2021, registry);
    let files: Vec<CheckedFile> = files
        .into_iter()
        // A comune's own file goes (an ALER's stays: its id is not in its file's name).
        .filter(|(name, _)| !name.contains(&format!("_{ente_id}_")))
        .chain([forged])
        .map(|(n, t)| CheckedFile::check(n, t.into_bytes(), intake.registry()))
        .collect();
    intake.add(files);
    intake
}

fn forged(intake: &Intake) -> &ReceivedFile {
    intake
        .received()
        .iter()
        .find(|f| f.name == "forged.json")
        .unwrap()
}

fn renamed(nome: &'static str) -> impl Fn(&mut Submission) {
    move |s| match &mut s.ente {
        Ente::Comune { nome: n, .. } | Ente::Aler { nome: n, .. } => *n = nome.to_owned(),
    }
}

/// Vailate (019112) calling itself «Crema»: shown as «Comune di Vailate» everywhere, refused
/// with the rule naming both; no second «Comune di Crema» anywhere.
#[test]
fn vailate_calling_itself_crema_is_shown_as_vailate_and_refused() {
    let vailate = "019112";
    let intake = crema_with(
        vailate,
        renamed("Crema"),
        &demo::fixture_key(vailate),
        false,
    );
    let file = forged(&intake);
    assert_eq!(file.ente_name().as_deref(), Some("Comune di Vailate"));
    assert_eq!(file.state(), FileState::Refused(Refusal::BreaksRules));
    assert!(file.errors.iter().any(|e| e.rule == "nome-comune-istat"
        && e.message.it.contains("«Crema»")
        && e.message.it.contains("Comune di Vailate")));
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    let texts = crate::plan_outputs::default_texts(&intake);
    let aggregate = crate::plan_outputs::aggregate_text(&intake, &plan, &texts);
    let value: serde_json::Value = serde_json::from_str(&aggregate).unwrap();
    let crema_rows = value["file_ricevuti"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["ente"] == "Comune di Crema")
        .count();
    assert_eq!(crema_rows, 1, "one Comune di Crema");
    // The verbale di ricezione lists the file as Vailate's.
    let verbale = crate::verbale::verbale(&intake, &texts, "2020-12-01")
        .document()
        .text();
    let rows: Vec<&str> = verbale
        .lines()
        .filter(|l| l.starts_with("forged.json\t"))
        .collect();
    assert_eq!(rows.len(), 1, "{verbale}");
    assert!(rows[0].contains("\tComune di Vailate\t") && !rows[0].contains("Comune di Crema"));
    let csv = crate::export::csv(
        &plan,
        intake.received(),
        &crate::plan_outputs::about(&intake, "2020-12-01"),
    )
    .unwrap();
    assert_eq!(csv.lines().filter(|l| l.contains("forged.json")).count(), 1);
    assert!(csv
        .lines()
        .filter(|l| l.contains("forged.json"))
        .all(|l| l.contains("Comune di Vailate") && !l.contains("Comune di Crema")));
    let board = intake.status_board("2020-12-01");
    let row = board
        .comuni
        .iter()
        .find(|c| c.code.to_string() == vailate)
        .unwrap();
    assert_eq!(row.files.len(), 1, "Vailate's file is on Vailate's row");
}

/// «Crerna», a zero-width joiner, a byte order mark, a loose accent: each refused, the name
/// shown as ISTAT's and the invisible character by its code point in the reason.
#[test]
fn a_comune_name_with_a_look_alike_or_an_invisible_character_is_refused() {
    let crema = "019035";
    for nome in ["Crerna", "Cre\u{200d}ma", "\u{feff}Crema", "Crema\u{301}"] {
        let intake = crema_with(
            crema,
            move |s| renamed_to(s, nome),
            &demo::fixture_key(crema),
            false,
        );
        let file = forged(&intake);
        assert_eq!(
            file.ente_name().as_deref(),
            Some("Comune di Crema"),
            "{nome:?}"
        );
        assert_eq!(
            file.state(),
            FileState::Refused(Refusal::BreaksRules),
            "{nome:?}"
        );
        let why = file.explanation().it;
        assert!(why.contains("è del Comune di Crema"), "{nome:?}: {why}");
        assert!(
            crate::text::first_deceptive(&why, false).is_none(),
            "{nome:?}: {why}"
        );
    }
}

fn renamed_to(s: &mut Submission, nome: &str) {
    if let Ente::Comune { nome: n, .. } = &mut s.ente {
        *n = nome.to_owned();
    }
}

/// An ALER called «АLER Brescia-Cremona-Mantova» with a Cyrillic А, even with its key
/// accepted: set aside with the reason, never a second ALER; a 1.699 and f 114 unchanged.
#[test]
fn a_look_alike_aler_is_set_aside_and_changes_no_total() {
    let key = SigningKey::from_bytes(&[61; 32]);
    let aler = demo::crema_2021()[0].ente.id();
    for trust in [true, false] {
        let intake = crema_with(
            &aler,
            renamed("\u{410}LER Brescia-Cremona-Mantova"),
            &key,
            trust,
        );
        let file = forged(&intake);
        assert_eq!(file.state(), FileState::OtherAler, "trusted: {trust}");
        let Disposition::AlerEstranea(why) = &file.disposition else {
            panic!("{:?}", file.disposition)
        };
        assert!(
            why.it
                .contains("l'ALER dell'ambito è ALER Brescia-Cremona-Mantova"),
            "{}",
            why.it
        );
        let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
        assert_eq!(plan.totale.consistenza_totale, 1699);
        assert_eq!(plan.totale.totale_assegnabili, 114);
        assert_eq!(plan.ricognizione.aler, [demo::ALER_NAME]);
        assert_eq!(intake.waiting(), 0, "nothing to accept");
    }
}

/// An ALER named like a comune of the ambito is no ALER: set aside, and the comune stays
/// silent.
#[test]
fn an_aler_named_comune_di_trescore_cremasco_is_set_aside() {
    let key = SigningKey::from_bytes(&[62; 32]);
    let aler = demo::crema_2021()[0].ente.id();
    let intake = crema_with(&aler, renamed("Comune di Trescore Cremasco"), &key, true);
    let file = forged(&intake);
    assert_eq!(file.state(), FileState::OtherAler);
    assert!(file
        .explanation()
        .it
        .contains("«Comune di Trescore Cremasco»"));
    assert_eq!(
        file.ente_name().as_deref(),
        Some("ALER «Comune di Trescore Cremasco»")
    );
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    assert_eq!(plan.totale.consistenza_totale, 1699);
    assert_eq!(plan.ricognizione.inadempienti, ["Trescore Cremasco"]);
}

/// The ambito's ALER under another spelling of the same name (another case, spaces for
/// hyphens) is the ALER: one id, one ALER (its two files: one counts, the other is
/// superseded), and the plan as published.
#[test]
fn the_same_aler_spelt_otherwise_is_one_aler() {
    let aler = demo::crema_2021()[0].ente.id();
    let intake = crema_with(
        &aler,
        renamed("ALER Brescia Cremona Mantova"),
        &demo::fixture_key(&aler),
        false,
    );
    let file = forged(&intake);
    assert!(
        matches!(file.state(), FileState::Counted | FileState::Superseded),
        "{:?}",
        file.state()
    );
    assert_eq!(file.ente_name().as_deref(), Some(demo::ALER_NAME));
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    assert_eq!(plan.totale.totale_assegnabili, 114);
    assert_eq!(plan.ricognizione.aler, [demo::ALER_NAME]);
}

/// A file whose texts are decomposed (NFD) reads composed (NFC) and its signature holds:
/// two spellings that look alike are one text.
#[test]
fn texts_are_composed_on_reading_and_the_signature_still_holds() {
    let crema = "019035";
    let intake = crema_with(
        crema,
        |s| s.referente.nome = "Nicolo\u{300} Bianchi".into(),
        &demo::fixture_key(crema),
        false,
    );
    let file = forged(&intake);
    assert_eq!(file.state(), FileState::Counted);
    let s = file.verified.submission.as_ref().unwrap();
    assert_eq!(s.referente.nome, "Nicol\u{f2} Bianchi");
}
