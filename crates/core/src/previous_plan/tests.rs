//! Last year's plan read back and compared with this year's Crema 2021 demo: the "previous"
//! plan is the aggregate of the same answers changed as a real year would change them,
//! signed with the capofila's (fixture) key.
#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use super::*;
use crate::comparison::{Comparison, FlagKind};
use crate::intake::{CheckedFile, Intake};
use crate::signing::multikey::public_key_multibase;
use crate::submission::{Ente, Submission};
use crate::thresholds::{ASSIGNABLE_CHANGE_CHECK_PERCENT, STOCK_CHANGE_CHECK_PERCENT};
use crate::{ambiti, demo};

pub(crate) const SIGNED_AT: &str = "2020-01-28T10:00:00Z";

pub(crate) fn capofila_key() -> crate::signing::SigningKey {
    demo::fixture_key("019035")
}

fn code_of(name: &str) -> crate::comuni::IstatCode {
    crate::comuni::by_name(name).unwrap().istat
}

fn named<'a>(subs: &'a mut [Submission], ente: &str) -> &'a mut Submission {
    subs.iter_mut()
        .find(|s| s.ente.display_name() == ente)
        .unwrap_or_else(|| panic!("no {ente}"))
}

/// The answers of a "2020" Crema plan: the 2021 ones with Crema's stock at 305 (358 in
/// 2021: more than the stock threshold), the ALER's f at 40 (71 in 2021) and Izano declaring
/// no housing (an owner in 2021, so a new one).
pub(crate) fn crema_2020_submissions() -> Vec<Submission> {
    let mut subs = demo::crema_2021();
    for s in &mut subs {
        s.anno_piano = 2020;
    }
    named(&mut subs, "Comune di Crema").consistenza.sap = 300;
    named(&mut subs, "ALER Brescia-Cremona-Mantova")
        .avvicendamento
        .senza_ripartizione = 10;
    let izano = subs
        .iter()
        .position(|s| s.ente.display_name() == "Comune di Izano")
        .unwrap();
    let mut none = Submission::new(2020, "crema", Ente::comune("019054").unwrap());
    assert_eq!(none.ente.display_name(), "Comune di Izano");
    none.nessun_patrimonio = true;
    subs[izano] = none;
    subs
}

fn plan_of(subs: &[Submission]) -> crate::Plan {
    crate::aggregate(subs, ambiti::preset("crema").as_ref())
}

/// `subs` aggregated for Crema and signed by the capofila, as the page downloads it.
pub(crate) fn signed_plan(subs: &[Submission]) -> String {
    let ambito = ambiti::preset("crema").unwrap();
    let intake = Intake::new(
        ambito.clone(),
        2020,
        crate::signing::TrustRegistry::default(),
    );
    let texts = crate::plan_texts::PlanTexts::defaults(&ambito, 2020);
    crate::plan_outputs::signed_aggregate_text(
        &intake,
        &plan_of(subs),
        &texts,
        &capofila_key(),
        SIGNED_AT,
    )
}

pub(crate) fn crema_2020_signed() -> String {
    signed_plan(&crema_2020_submissions())
}

/// This year's Crema 2021 intake from the signed demo files.
pub(crate) fn crema_2021_intake(ambito: ambiti::Ambito) -> Intake {
    let (files, registry) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(ambito, 2021, registry);
    let checked = files
        .into_iter()
        .map(|(name, text)| CheckedFile::check(name, text.into_bytes(), intake.registry()))
        .collect();
    intake.add(checked);
    intake
}

#[test]
fn a_signed_aggregate_reads_back_with_its_signer_year_and_owners() {
    let text = crema_2020_signed();
    let read = read_previous_plan(text.as_bytes()).unwrap();
    assert_eq!(
        (read.ambito.as_str(), read.anno_piano, read.versione),
        ("crema", 2020, 2)
    );
    let public = public_key_multibase(&capofila_key().verifying_key());
    assert_eq!(read.fingerprint, fingerprint(&public));
    assert_eq!(read.public_key, public);
    assert_eq!(read.hash, file_hash(text.as_bytes()));
    assert_eq!(read.signed_at, SIGNED_AT);
    let plan = plan_of(&crema_2020_submissions());
    assert_eq!(read.per_ente, plan.per_ente);
    assert_eq!(read.per_comune, plan.per_comune);
    assert_eq!(read.quote.len(), 2);
    assert_eq!(read.inadempienti, ["Trescore Cremasco"]);
    // The owners: 22 comuni with figures (Izano declared none) and Trescore, who sent
    // nothing but was a listed owner.
    let crema = ambiti::preset("crema").unwrap();
    let owners = read.owner_codes(&crema);
    let mut expected = crema.con_patrimonio.clone().unwrap();
    expected.retain(|&c| c != code_of("Izano"));
    assert_eq!(owners, expected);
    assert_eq!(owners.len(), 23);
}

#[test]
fn a_version_1_aggregate_reads_and_its_silent_comuni_are_not_taken_for_owners() {
    let text = crema_2020_signed();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let document = value.as_object_mut().unwrap();
    document.remove("proof");
    document.remove("testi");
    document.insert("versione".into(), 1.into());
    let piano = document["piano"].as_object_mut().unwrap();
    let ricognizione = piano.remove("ricognizione").unwrap();
    piano.insert(
        "inadempienti".into(),
        serde_json::json!(["Trescore Cremasco", "Agnadello"]),
    );
    piano.insert(
        "nessun_patrimonio".into(),
        ricognizione["nessun_patrimonio"].clone(),
    );
    let signed = crate::signing::sign_document(document.clone(), &capofila_key(), SIGNED_AT);
    let read = read_previous_plan(signed.to_string().as_bytes()).unwrap();
    assert_eq!(read.versione, 1);
    assert!(
        read.inadempienti.is_empty(),
        "version 1 named every silent comune"
    );
    assert_eq!(read.nessun_patrimonio.len(), 25);
    assert_eq!(
        read.owner_codes(&ambiti::preset("crema").unwrap()).len(),
        22
    );
}

#[test]
fn altered_unsigned_and_other_files_are_refused_saying_what_they_are() {
    let text = crema_2020_signed();
    let altered = text.replacen(
        "\"consistenza_totale\": 305",
        "\"consistenza_totale\": 358",
        1,
    );
    assert_ne!(altered, text);
    let err = read_previous_plan(altered.as_bytes()).unwrap_err();
    assert!(err.italian().contains("modificato dopo la firma"), "{err}");

    let ambito = ambiti::preset("crema").unwrap();
    let unsigned = crate::plan_outputs::aggregate_text(
        &Intake::new(ambito.clone(), 2020, Default::default()),
        &plan_of(&crema_2020_submissions()),
        &crate::plan_texts::PlanTexts::defaults(&ambito, 2020),
    );
    let err = read_previous_plan(unsigned.as_bytes()).unwrap_err();
    assert!(err.italian().contains("non è firmato"), "{err}");

    let (files, _) = demo::crema_2021_signed_files();
    let (_, submission) = files
        .iter()
        .find(|(name, _)| name.contains("019035"))
        .unwrap();
    let err = read_previous_plan(submission.as_bytes()).unwrap_err();
    assert!(
        err.italian().starts_with(
            "il file è la scheda di un ente (Comune di Crema, piano 2021), non il piano"
        ),
        "{err}"
    );
    assert!(err.plain.en.contains("submission"), "{}", err.plain.en);

    let request = crate::request::Request::new(
        &crate::ambiti::preset("crema").unwrap(),
        2021,
        "2020-12-20",
        crate::demo::crema_capofila(),
        "",
    )
    .signed(&capofila_key(), SIGNED_AT);
    let err = read_previous_plan(request.as_bytes()).unwrap_err();
    assert!(
        err.italian()
            .contains("è la richiesta inviata dal capofila"),
        "{err}"
    );

    let err = read_previous_plan(b"%PDF-1.7 \xff").unwrap_err();
    assert!(err.italian().contains("non è un piano"), "{err}");
    let newer = text.replacen("\"versione\": 2", "\"versione\": 3", 1);
    let err = read_previous_plan(newer.as_bytes()).unwrap_err();
    assert!(err.italian().contains("aggiornare l'app"), "{err}");
    // serde_json would keep the last "ambito"; the strict reader refuses the file.
    let twice = text.replacen('{', "{\"ambito\": \"cremona\",", 1);
    let err = read_previous_plan(twice.as_bytes()).unwrap_err();
    assert!(err.italian().contains("non si può leggere"), "{err}");
    assert!(err.italian().contains("dettagli tecnici"), "{err}");
    let huge = text.replacen(
        "\"anno_piano\": 2020",
        "\"anno_piano\": 9007199254740993",
        1,
    );
    assert!(read_previous_plan(huge.as_bytes()).is_err());
}

#[test]
fn the_comparison_flags_a_stock_change_a_vanished_and_a_new_owner_and_a_jump_in_f() {
    let previous = read_previous_plan(crema_2020_signed().as_bytes()).unwrap();
    // This year Castelleone sends nothing.
    let mut subs = demo::crema_2021();
    subs.retain(|s| s.ente.display_name() != "Comune di Castelleone");
    let comparison = Comparison::of(&previous, &plan_of(&subs));
    let flags: Vec<(&str, FlagKind)> = comparison
        .flags
        .iter()
        .map(|f| (f.ente.as_str(), f.kind))
        .collect();
    // In the plan's order (issue #27): an owner of last year that sent nothing is in its place.
    assert_eq!(
        flags,
        [
            ("ALER Brescia-Cremona-Mantova", FlagKind::AssignableChange),
            ("Comune di Castelleone", FlagKind::VanishedOwner),
            ("Comune di Crema", FlagKind::StockChange),
            ("Comune di Izano", FlagKind::NewOwner),
        ]
    );
    let reason = |kind| {
        &comparison
            .flags
            .iter()
            .find(|f| f.kind == kind)
            .unwrap()
            .reason
    };
    let stock = reason(FlagKind::StockChange);
    assert!(stock.it.contains("da 305 a 358 alloggi (+53)"), "{stock}");
    assert!(
        stock
            .it
            .contains(&format!("più del {STOCK_CHANGE_CHECK_PERCENT}%")),
        "{stock}"
    );
    let f = reason(FlagKind::AssignableChange);
    assert!(f.it.contains("da 40 a 71 (+31)"), "{f}");
    assert!(
        f.it.contains(&format!("più del {ASSIGNABLE_CHANGE_CHECK_PERCENT}%")),
        "{f}"
    );
    let gone = reason(FlagKind::VanishedOwner);
    assert!(
        gone.it
            .contains("nel piano 2020 era proprietario di 42 alloggi"),
        "{gone}"
    );
    assert!(gone.it.contains("non ha inviato la scheda"), "{gone}");
    assert!(comparison.notes.is_empty(), "{:?}", comparison.notes);
    // The figures themselves.
    let crema = comparison
        .owners
        .iter()
        .find(|o| o.ente == "Comune di Crema")
        .unwrap();
    let a = crema.change(crate::comparison::Figure::Consistenza);
    assert_eq!(
        (a.previous, a.current, a.difference()),
        (Some(305), Some(358), 53)
    );
    let total_f = comparison.total(crate::comparison::Figure::Assegnabili);
    assert_eq!((total_f.previous, total_f.current), (Some(82), Some(112)));
    // Castelleone's 10% police share is gone with it; Vaiano's category stays.
    let castelleone: Vec<_> = comparison
        .choices
        .iter()
        .filter(|c| c.ente == "Comune di Castelleone")
        .collect();
    assert_eq!(castelleone.len(), 1);
    assert_eq!(castelleone[0].current, None);
    // An owner that now declares no housing is told apart from one that sent nothing.
    let mut subs = demo::crema_2021();
    let castelleone = named(&mut subs, "Comune di Castelleone");
    let mut none = Submission::new(2021, "crema", castelleone.ente.clone());
    none.nessun_patrimonio = true;
    *castelleone = none;
    let comparison = Comparison::of(&previous, &plan_of(&subs));
    let gone = &comparison
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::VanishedOwner)
        .unwrap()
        .reason;
    assert!(
        gone.it.contains("ha dichiarato di non possedere alloggi"),
        "{gone}"
    );
}

#[test]
fn an_unchanged_plan_flags_nothing() {
    let mut subs = demo::crema_2021();
    for s in &mut subs {
        s.anno_piano = 2020;
    }
    let previous = read_previous_plan(signed_plan(&subs).as_bytes()).unwrap();
    let comparison = Comparison::of(&previous, &plan_of(&demo::crema_2021()));
    assert_eq!(comparison.flags, []);
    assert!(comparison.comuni.iter().all(|c| c.previous == c.current));
}

#[test]
fn the_intake_refuses_another_ambito_or_year_and_notes_a_year_skipped() {
    let previous = read_previous_plan(crema_2020_signed().as_bytes()).unwrap();
    let intake = crema_2021_intake(ambiti::preset("crema").unwrap());
    let mut last_year = crate::planning::LastYear::default();
    assert_eq!(
        last_year.comparison(&crate::planning::plan_of(&intake, &last_year)),
        None
    );

    let mut other = previous.clone();
    other.ambito = "cremona".into();
    let err = last_year.set(&intake, Some(other)).unwrap_err();
    assert!(
        err.it
            .contains("è dell'ambito «cremona», non di questo («crema»)"),
        "{err}"
    );
    let mut same_year = previous.clone();
    same_year.anno_piano = 2021;
    let err = last_year.set(&intake, Some(same_year)).unwrap_err();
    assert!(err.it.contains("caricare il piano del 2020"), "{err}");
    assert_eq!(last_year.previous(), None, "a refused plan changes nothing");

    let mut older = previous.clone();
    older.anno_piano = 2019;
    last_year.set(&intake, Some(older)).unwrap();
    let comparison = last_year
        .comparison(&crate::planning::plan_of(&intake, &last_year))
        .unwrap();
    assert_eq!(comparison.previous_year, 2019);
    assert_eq!(comparison.notes.len(), 1);
    assert!(
        comparison.notes[0]
            .it
            .contains("non dell'anno precedente (2020)"),
        "{:?}",
        comparison.notes
    );

    last_year.set(&intake, Some(previous.clone())).unwrap();
    assert_eq!(last_year.previous(), Some(&previous));
    assert_eq!(
        last_year
            .comparison(&crate::planning::plan_of(&intake, &last_year))
            .unwrap()
            .notes,
        []
    );
    last_year.set(&intake, None).unwrap();
    assert_eq!(last_year.previous(), None);
}

#[test]
fn without_an_owner_list_the_ricognizione_takes_last_years_owners() {
    let mut crema = ambiti::preset("crema").unwrap();
    crema.con_patrimonio = None;
    let mut intake = crema_2021_intake(crema);
    let mut last_year = crate::planning::LastYear::default();
    let before = crate::planning::plan_of(&intake, &last_year).ricognizione;
    assert!(!before.proprietari_noti);
    assert!(
        before.inadempienti.is_empty(),
        "no list, nobody inadempiente"
    );
    assert_eq!(last_year.owners(&intake), None);

    let previous = read_previous_plan(crema_2020_signed().as_bytes()).unwrap();
    last_year.set(&intake, Some(previous)).unwrap();
    assert_eq!(last_year.owners(&intake).map(|o| o.len()), Some(23));
    let r = crate::planning::plan_of(&intake, &last_year).ricognizione;
    assert!(r.proprietari_noti);
    // Trescore owned housing last year and sent nothing this year.
    assert_eq!(r.inadempienti, ["Trescore Cremasco"]);
    assert_eq!((r.comuni_con_patrimonio, r.comuni_ambito), (24, 48));

    // An owner ticked by the capofila is an owner list of its own: last year's gives way.
    intake.set_owner(code_of("Crema"), true);
    assert_eq!(last_year.owners(&intake), None);
    assert!(crate::planning::plan_of(&intake, &last_year)
        .ricognizione
        .inadempienti
        .is_empty());
}

/// Last year's plan signed as a draft (issue #24): Romanengo's file waited for its key. The
/// plan reads back, says it was a draft (and the comparison notes it), and Romanengo, a listed
/// owner whose file arrived, is still among the owners. A `bozza` with another field is refused.
#[test]
fn a_plan_signed_as_a_draft_reads_back_with_its_waiting_owner() {
    let ambito = ambiti::preset("crema").unwrap();
    let mut registry = crate::signing::TrustRegistry::default();
    let files: Vec<(String, String)> = crema_2020_submissions()
        .into_iter()
        .map(|mut s| {
            s.assegnate_anno_precedente.anno = 2019;
            let s = s.with_stated_totals();
            let key = demo::fixture_key(&s.ente.id());
            if s.ente.id() != "019086" {
                registry.accept(
                    &s.ente.id(),
                    &s.ente.display_name(),
                    &public_key_multibase(&key.verifying_key()),
                    "2020-01-01T00:00:00Z",
                    "",
                );
            }
            (
                s.file_name(true),
                crate::signing::sign_submission(&s, &key, "2020-01-10T09:00:00Z"),
            )
        })
        .collect();
    let mut intake = Intake::new(ambito.clone(), 2020, registry);
    let last_year = crate::planning::LastYear::default();
    let checked = files
        .into_iter()
        .map(|(n, t)| CheckedFile::check(n, t.into_bytes(), intake.registry()))
        .collect();
    intake.add(checked);
    assert_eq!(intake.waiting(), 1);
    let plan = crate::planning::plan_of(&intake, &last_year);
    let text = crate::plan_outputs::signed_aggregate_text(
        &intake,
        &plan,
        &crate::plan_outputs::default_texts(&intake),
        &capofila_key(),
        SIGNED_AT,
    );
    let read = read_previous_plan(text.as_bytes()).unwrap();
    assert_eq!(read.bozza, Some(1));
    assert!(read
        .proprietari_non_conteggiati
        .contains(&"Romanengo".to_owned()));
    assert!(!read
        .per_ente
        .iter()
        .any(|o| o.ente == "Comune di Romanengo"));
    assert!(read.owner_codes(&ambito).contains(&code_of("Romanengo")));
    let comparison = Comparison::of(
        &read,
        &crate::planning::plan_of(
            &crema_2021_intake(ambito.clone()),
            &crate::planning::LastYear::default(),
        ),
    );
    assert!(
        comparison.notes.iter().any(|n| n
            .it
            .contains("firmato come bozza, con 1 file in attesa di decisione")),
        "{:?}",
        comparison.notes
    );

    let mut value: Value = serde_json::from_str(&text).unwrap();
    let document = value.as_object_mut().unwrap();
    document.remove("proof");
    document["bozza"]["altro"] = 1.into();
    let signed = crate::signing::sign_document(document.clone(), &capofila_key(), SIGNED_AT);
    let text = serde_json::to_string(&signed).unwrap();
    let err = read_previous_plan(text.as_bytes()).unwrap_err();
    assert!(err.italian().contains("non rispetta il formato"), "{err}");
}

// Issue #25: a forged last-year plan. Anyone can sign a plan; it counts only when signed
// with the capofila's known key, for a plausible year, on a plausible date.

/// Crema's plan of `year` (last year's answers) signed with `key` at `created`.
pub(crate) fn plan_signed_by(key: &crate::signing::SigningKey, year: u16, created: &str) -> String {
    let mut subs = crema_2020_submissions();
    for s in &mut subs {
        s.anno_piano = year;
    }
    let ambito = ambiti::preset("crema").unwrap();
    let intake = Intake::new(
        ambito.clone(),
        year,
        crate::signing::TrustRegistry::default(),
    );
    let texts = crate::plan_texts::PlanTexts::defaults(&ambito, year);
    crate::plan_outputs::signed_aggregate_text(&intake, &plan_of(&subs), &texts, key, created)
}

/// A key nobody registered.
pub(crate) fn unknown_key() -> crate::signing::SigningKey {
    demo::fixture_key("chiave-sconosciuta")
}

/// Izano's key: registered in this year's registry, for Izano, not for the capofila.
pub(crate) fn izano_key() -> crate::signing::SigningKey {
    demo::fixture_key("019054")
}

fn crema_without_owners() -> ambiti::Ambito {
    let mut crema = ambiti::preset("crema").unwrap();
    crema.con_patrimonio = None;
    crema
}

#[test]
fn a_plan_signed_by_an_unknown_key_or_a_comunes_supplies_no_owners() {
    for key in [unknown_key(), izano_key()] {
        let intake = crema_2021_intake(crema_without_owners());
        let mut last_year = crate::planning::LastYear::default();
        let forged = read_previous_plan(plan_signed_by(&key, 2020, SIGNED_AT).as_bytes()).unwrap();
        last_year.set(&intake, Some(forged)).unwrap();
        assert_eq!(
            last_year.owners(&intake),
            None,
            "a forged plan names no owner"
        );
        let r = crate::planning::plan_of(&intake, &last_year).ricognizione;
        assert!(!r.proprietari_noti);
        assert!(r.inadempienti.is_empty(), "{:?}", r.inadempienti);
    }
    // The capofila's key, registered in this year's registry, still supplies them.
    let intake = crema_2021_intake(crema_without_owners());
    let mut last_year = crate::planning::LastYear::default();
    let genuine = read_previous_plan(crema_2020_signed().as_bytes()).unwrap();
    last_year.set(&intake, Some(genuine)).unwrap();
    assert_eq!(last_year.owners(&intake).map(|o| o.len()), Some(23));
}

#[test]
fn the_document_never_calls_a_forged_plan_the_capofilas() {
    for key in [unknown_key(), izano_key()] {
        let intake = crema_2021_intake(ambiti::preset("crema").unwrap());
        let mut last_year = crate::planning::LastYear::default();
        let forged = read_previous_plan(plan_signed_by(&key, 2020, SIGNED_AT).as_bytes()).unwrap();
        last_year.set(&intake, Some(forged)).unwrap();
        let text = crate::plan_outputs::document(
            &intake,
            &last_year,
            &crate::planning::plan_of(&intake, &last_year),
            &crate::plan_outputs::default_texts(&intake),
        )
        .text();
        assert!(!text.contains("con la chiave del capofila"), "{text}");
        assert!(text.contains("NON È VERIFICATO"), "{text}");
        assert!(text.contains("non è quella nota del capofila"), "{text}");
    }
    let intake = crema_2021_intake(ambiti::preset("crema").unwrap());
    let mut last_year = crate::planning::LastYear::default();
    let genuine = read_previous_plan(crema_2020_signed().as_bytes()).unwrap();
    last_year.set(&intake, Some(genuine)).unwrap();
    let text = crate::plan_outputs::document(
        &intake,
        &last_year,
        &crate::planning::plan_of(&intake, &last_year),
        &crate::plan_outputs::default_texts(&intake),
    )
    .text();
    assert!(
        text.contains("con la chiave del capofila di impronta"),
        "{text}"
    );
    assert!(!text.contains("NON È VERIFICATO"), "{text}");
}

#[test]
fn a_plan_of_the_year_2000_is_refused_as_older_than_any_the_app_knows() {
    let intake = crema_2021_intake(ambiti::preset("crema").unwrap());
    let mut last_year = crate::planning::LastYear::default();
    let old = read_previous_plan(
        plan_signed_by(&capofila_key(), 2000, "2000-01-28T10:00:00Z").as_bytes(),
    )
    .unwrap();
    let err = last_year.set(&intake, Some(old)).unwrap_err();
    assert!(
        err.it
            .contains("prima del primo piano che questa app conosce (2019)"),
        "{err}"
    );
    assert_eq!(last_year.previous(), None);
}

#[test]
fn a_signing_date_that_is_no_date_or_out_of_the_plans_years_is_refused() {
    for (created, why) in [
        ("1970-01-01T00:00:00Z", "firmato il 01/01/1970"),
        ("2999-01-01T00:00:00Z", "firmato il 01/01/2999"),
        ("not a date", "non è una data e ora completa di fuso orario"),
        (
            "2020-01-28T10:00:00",
            "non è una data e ora completa di fuso orario",
        ),
        (
            "2020-02-30T10:00:00Z",
            "non è una data e ora completa di fuso orario",
        ),
    ] {
        let err = read_previous_plan(plan_signed_by(&capofila_key(), 2020, created).as_bytes())
            .unwrap_err();
        assert!(err.italian().contains(why), "{created}: {err}");
    }
    // The window: from the year before to the year after the plan's own.
    for created in ["2019-01-01T00:00:00Z", "2021-12-31T23:59:59+01:00"] {
        read_previous_plan(plan_signed_by(&capofila_key(), 2020, created).as_bytes())
            .unwrap_or_else(|e| panic!("{created}: {e}"));
    }
}

#[test]
fn the_intake_says_whose_key_signed_last_years_plan() {
    let intake = crema_2021_intake(ambiti::preset("crema").unwrap());
    let mut last_year = crate::planning::LastYear::default();
    assert_eq!(last_year.trust(&intake), None);
    let genuine = read_previous_plan(crema_2020_signed().as_bytes()).unwrap();
    last_year.set(&intake, Some(genuine.clone())).unwrap();
    assert_eq!(
        last_year.trust(&intake),
        Some(PlanTrust::Verified(KnownBy::Registry))
    );
    let line = last_year.status(&intake).unwrap();
    assert!(
        line.it.contains("piano 2020")
            && line
                .it
                .contains("verificato: firmato il 28/01/2020 con la chiave del capofila"),
        "{line}"
    );

    // Signed by Izano's registered key: named as such.
    let izano =
        read_previous_plan(plan_signed_by(&izano_key(), 2020, SIGNED_AT).as_bytes()).unwrap();
    last_year.set(&intake, Some(izano.clone())).unwrap();
    let Some(PlanTrust::Unverified(why)) = last_year.trust(&intake) else {
        panic!("{:?}", last_year.trust(&intake))
    };
    assert!(
        why.it
            .contains("non è quella nota del capofila (Comune di Crema, 019035)"),
        "{why}"
    );
    assert!(
        why.it.contains(&format!("impronta {}", izano.fingerprint)),
        "{why}"
    );
    assert!(
        why.it
            .contains("è la chiave registrata per Comune di Izano (019054)"),
        "{why}"
    );
    assert!(last_year
        .status(&intake)
        .unwrap()
        .it
        .contains("NON VERIFICATO"));

    // An empty registry knows no key of the capofila: the genuine plan waits for one.
    let mut bare = Intake::new(ambiti::preset("crema").unwrap(), 2021, Default::default());
    let mut bare_last_year = crate::planning::LastYear::default();
    bare_last_year.set(&bare, Some(genuine.clone())).unwrap();
    let Some(PlanTrust::Unverified(why)) = bare_last_year.trust(&bare) else {
        panic!()
    };
    assert!(
        why.it.contains("importare il registro delle chiavi"),
        "{why}"
    );
    // A registry imported afterwards makes it count.
    bare.set_registry(demo::crema_2021_signed_files().1);
    assert_eq!(
        bare_last_year.trust(&bare),
        Some(PlanTrust::Verified(KnownBy::Registry))
    );
}

#[test]
fn the_key_of_this_years_request_is_the_capofilas_known_key() {
    let mut intake = Intake::new(ambiti::preset("crema").unwrap(), 2021, Default::default());
    let mut last_year = crate::planning::LastYear::default();
    let genuine = read_previous_plan(crema_2020_signed().as_bytes()).unwrap();
    last_year.set(&intake, Some(genuine)).unwrap();
    assert!(!last_year.trust(&intake).unwrap().is_verified());
    let request = crate::request::Request::compose(
        intake.ambito(),
        intake.year(),
        crate::request::RequestSender {
            nome: "Comune di Crema".into(),
            codice_istat: "019035".into(),
            referente: "Ufficio di Piano".into(),
            contatto: "pec@comune.crema.cr.it".into(),
        },
        "2020-12-20",
        "",
    )
    .unwrap();
    let signed = request.signed(&capofila_key(), "2020-11-20T10:00:00Z");
    let verified = crate::request::read_request(signed.as_bytes(), None).unwrap();
    intake.set_request(Some(verified)).unwrap();
    assert_eq!(
        last_year.trust(&intake),
        Some(PlanTrust::Verified(KnownBy::Request))
    );
    // A request signed by another key does not vouch for the plan.
    let other = request.signed(&unknown_key(), "2020-11-20T10:00:00Z");
    intake
        .set_request(Some(
            crate::request::read_request(other.as_bytes(), None).unwrap(),
        ))
        .unwrap();
    assert!(!last_year.trust(&intake).unwrap().is_verified());
}

#[test]
fn a_plan_signed_after_the_capofilas_clock_is_unverified() {
    let mut intake = crema_2021_intake(ambiti::preset("crema").unwrap());
    let mut last_year = crate::planning::LastYear::default();
    let plan = read_previous_plan(
        plan_signed_by(&capofila_key(), 2020, "2021-06-01T10:00:00+02:00").as_bytes(),
    )
    .unwrap();
    last_year.set(&intake, Some(plan)).unwrap();
    assert!(
        last_year.trust(&intake).unwrap().is_verified(),
        "no clock, no date questioned"
    );
    intake.set_now("2021-01-10T09:00:00Z");
    let Some(PlanTrust::Unverified(why)) = last_year.trust(&intake) else {
        panic!()
    };
    assert!(
        why.it.contains("firmato il 01/06/2021, una data futura"),
        "{why}"
    );
    intake.set_now("2021-06-01T09:00:00Z");
    assert!(
        last_year.trust(&intake).unwrap().is_verified(),
        "within a day"
    );
}

#[test]
fn the_plan_states_its_year_when_no_file_counted() {
    let intake = Intake::new(ambiti::preset("crema").unwrap(), 2021, Default::default());
    let last_year = crate::planning::LastYear::default();
    let plan = crate::planning::plan_of(&intake, &last_year);
    let text = crate::plan_outputs::aggregate_text(
        &intake,
        &plan,
        &crate::plan_outputs::default_texts(&intake),
    );
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["anno_piano"], 2021, "{text}");
    assert_eq!(value["piano"]["anno_piano"], 2021);
}
