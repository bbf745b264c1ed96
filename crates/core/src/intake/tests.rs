#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.
use super::*;
use crate::ambiti;
use crate::demo;
use crate::signing::SigningKey;
use crate::signing::{multikey, sign_submission, Outcome, RetirementKind};

fn crema() -> Ambito {
    ambiti::preset("crema").unwrap()
}

fn checked(files: &[(String, String)], registry: &Rc<TrustRegistry>) -> Vec<CheckedFile> {
    files
        .iter()
        .map(|(n, t)| CheckedFile::check(n.clone(), t.clone().into_bytes(), registry))
        .collect()
}

fn all_counted(intake: &Intake) -> bool {
    intake
        .received()
        .iter()
        .all(|f| f.disposition == Disposition::Conteggiata)
}

#[test]
fn files_added_give_the_published_plan() {
    let (files, registry) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(crema(), 2021, registry);
    intake.add(checked(&files, intake.registry()));
    assert_eq!(intake.received().len(), 48);
    assert!(all_counted(&intake));
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    assert_eq!(plan.totale.totale_assegnabili, 114);
    assert_eq!(plan.ricognizione.inadempienti, ["Trescore Cremasco"]);
    assert_eq!(plan.ricognizione.share().it, "24 su 48 (50%)");
}

#[test]
fn unticking_an_owner_changes_the_ricognizione_and_nothing_else() {
    let mut intake = crate::demo::demo_intake(TrustRegistry::default());
    let received = intake.received().clone();
    let trescore = "019109".parse().unwrap();
    intake.set_owner(trescore, false);
    assert!(!intake.ambito().owns_stock(trescore));
    assert_eq!(intake.received(), &received, "the same dispositions");
    let r = crate::planning::plan_of(&intake, &crate::planning::LastYear::default()).ricognizione;
    assert_eq!(r.share().it, "23 su 48 (48%)");
    assert!(r.inadempienti.is_empty());
    assert_eq!(r.non_hanno_risposto, ["Trescore Cremasco"]);
    intake.set_owner(trescore, true);
    assert_eq!(
        crate::planning::plan_of(&intake, &crate::planning::LastYear::default())
            .ricognizione
            .inadempienti,
        ["Trescore Cremasco"]
    );
}

#[test]
fn the_demo_counts_with_demo_keys_that_never_reach_the_registry() {
    let intake = crate::demo::demo_intake(TrustRegistry::default());
    assert!(intake.is_demo());
    assert_eq!(
        (intake.ambito().id.as_str(), intake.year()),
        ("crema", 2021)
    );
    assert_eq!(intake.received().len(), 48);
    assert!(all_counted(&intake));
    assert!(intake
        .received()
        .iter()
        .all(|f| f.verified.outcome == Outcome::DemoKey));
    assert!(intake.registry().enti.is_empty(), "nothing to persist");
    assert_eq!(
        crate::planning::plan_of(&intake, &crate::planning::LastYear::default())
            .totale
            .consistenza_totale,
        1699
    );
}

#[test]
fn outside_the_demo_a_demo_signed_file_is_discarded_with_the_reason() {
    let mut intake = crate::demo::demo_intake(TrustRegistry::default());
    intake.clear_files();
    assert!(!intake.is_demo(), "clearing the files ends the demo");
    let files = demo::crema_2021_demo_files();
    intake.add(checked(&files[..1], intake.registry()));
    let Disposition::Scartata(reason) = &intake.received()[0].disposition else {
        panic!("{:?}", intake.received()[0].disposition)
    };
    assert!(reason.it.contains("chiave dimostrativa"), "{reason}");
    assert!(reason.en.contains("demo key"), "{}", reason.en);
}

#[test]
fn a_real_file_after_the_demo_waits_for_its_key_instead_of_a_mismatch() {
    // The demo's keys stayed in the registry and a real Castelleone file was then
    // "chiave diversa": now the registry never holds them.
    let mut intake = crate::demo::demo_intake(TrustRegistry::default());
    let castelleone = demo::crema_2021_owners()
        .into_iter()
        .find(|s| s.ente.id() == "019025")
        .expect("Castelleone owns stock");
    let real = sign_submission(
        &castelleone,
        &SigningKey::from_bytes(&[5; 32]),
        "2020-11-30T10:00:00Z",
    );
    intake.clear_files();
    intake.add(checked(
        &[("castelleone.json".into(), real)],
        intake.registry(),
    ));
    assert_eq!(
        intake.received()[0].disposition,
        Disposition::ChiaveDaAccettare
    );
}

#[test]
fn accepting_a_key_verifies_the_kept_files_again() {
    let (files, _) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(crema(), 2021, TrustRegistry::default());
    intake.add(checked(&files[..2], intake.registry()));
    assert!(intake
        .received()
        .iter()
        .all(|f| f.disposition == Disposition::ChiaveDaAccettare));
    let first = intake.received()[0].clone();
    let ente = &first.verified.submission.as_ref().unwrap().ente;
    let key = first.verified.public_key.clone().unwrap();
    assert!(intake.accept_key(
        &ente.id(),
        &ente.display_name(),
        &key,
        "2026-11-23T10:00:00Z",
        "PEC"
    ));
    assert_eq!(intake.received()[0].disposition, Disposition::Conteggiata);
    assert_eq!(
        intake.received()[1].disposition,
        Disposition::ChiaveDaAccettare
    );
    assert_eq!(
        intake.accept_waiting_keys("2026-11-23T10:00:00Z", "tutte"),
        1
    );
    assert!(all_counted(&intake));
    assert_eq!(intake.registry().enti.len(), 2);
}

#[test]
fn a_demo_key_is_never_accepted_nor_imported() {
    let mut intake = Intake::new(crema(), 2021, TrustRegistry::default());
    let demo_key = multikey::public_key_multibase(&demo::demo_key("019035").verifying_key());
    assert!(!intake.accept_key("019035", "Comune di Crema", &demo_key, "t", ""));
    let mut imported = TrustRegistry::default();
    imported.enti.insert(
        "019035".into(),
        crate::signing::trust::TrustedEnte {
            nome: "Comune di Crema".into(),
            chiavi: vec![crate::signing::trust::TrustedKey {
                impronta: crate::signing::fingerprint(&demo_key),
                chiave_pubblica: demo_key,
                accettata_il: "2020-11-20T09:00:00Z".into(),
                nota: "chiave dimostrativa".into(),
                ritirata: None,
            }],
            firmatari: Vec::new(),
        },
    );
    intake.set_registry(imported);
    assert!(intake.registry().enti.is_empty());
}

#[test]
fn another_year_or_ambito_sets_the_files_aside_and_back() {
    let (files, registry) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(crema(), 2021, registry);
    intake.add(checked(&files, intake.registry()));
    intake.set_year(2022);
    assert!(intake
        .received()
        .iter()
        .all(|f| matches!(f.disposition, Disposition::Accantonata(_))));
    intake.set_year(2021);
    assert!(all_counted(&intake));
    intake.set_ambito(ambiti::preset("cremona").unwrap());
    assert!(intake
        .received()
        .iter()
        .all(|f| matches!(f.disposition, Disposition::Accantonata(_))));
}

#[test]
fn the_signed_aggregate_verifies_and_records_every_file() {
    let (files, registry) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(crema(), 2021, registry);
    intake.add(checked(&files, intake.registry()));
    let key = SigningKey::from_bytes(&[8; 32]);
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    let text = crate::plan_outputs::signed_aggregate_text(
        &intake,
        &plan,
        &crate::plan_outputs::default_texts(&intake),
        &key,
        "2020-12-01T10:00:00Z",
    );
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(crate::signing::verify_document(&value).is_ok());
    let unsigned: serde_json::Value = serde_json::from_str(&crate::plan_outputs::aggregate_text(
        &intake,
        &plan,
        &crate::plan_outputs::default_texts(&intake),
    ))
    .unwrap();
    let mut without_proof = value.clone();
    without_proof.as_object_mut().unwrap().remove("proof");
    assert_eq!(without_proof, unsigned);
}

#[test]
fn a_file_that_could_not_be_read_says_so() {
    let mut intake = Intake::new(crema(), 2021, TrustRegistry::default());
    intake.add(vec![CheckedFile::not_read(
        "scheda.json".into(),
        Bilingual::new("permesso negato", "permission denied"),
    )]);
    let f = &intake.received()[0];
    assert!(matches!(f.disposition, Disposition::Scartata(_)));
    assert!(f
        .explanation()
        .it
        .contains("non si è potuto leggere (permesso negato)"));
    assert!(f
        .explanation()
        .en
        .contains("could not be read (permission denied)"));
}

/// Files of format version 1 (whole percents) still verify and count: their signatures are
/// unchanged because a whole share serialises as an integer in both versions.
#[test]
fn a_signed_version_1_file_verifies_and_counts() {
    let v1 = include_str!("../../../../tests/corpus/valida-castelleone.json");
    assert!(v1.contains("\"versione\": 1"));
    let (_, registry) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(crema(), 2021, registry);
    intake.add(checked(
        &[("castelleone.json".into(), v1.into())],
        intake.registry(),
    ));
    let file = &intake.received()[0];
    assert_eq!(file.verified.outcome, Outcome::Trusted);
    assert_eq!(file.disposition, Disposition::Conteggiata);
    assert_eq!(file.verified.submission.as_ref().unwrap().versione, 1);
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    assert_eq!(plan.totale.totale_assegnabili, 2);
    assert_eq!(plan.quote[0].ente, "Comune di Castelleone");
    // 10% of f = 2 is a cap with no rounding clause: rounded down to no unit, and said.
    assert_eq!(plan.quote[0].quote.forze_polizia, 0);
    assert_eq!(plan.quote[0].quote_a_zero.len(), 1);
}

/// A version-2 file with shares of 12,5% (categoria aggiuntiva) and 7,5% (police, capped
/// at 10% in 2021): signed as JSON numbers with one decimal, verified, read back unchanged
/// and aggregated with the shares in tenths.
#[test]
fn a_version_2_file_with_a_share_of_12_5_signs_verifies_round_trips_and_counts() {
    use crate::percent::Percent;
    let mut s = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019035")
        .unwrap();
    s.forze_polizia = Some(crate::submission::Share {
        percento: Percent::from_tenths(75).unwrap(),
        motivazione: "alloggi vicini alla caserma".into(),
    });
    s.categoria_aggiuntiva = Some(crate::submission::AdditionalCategory {
        nome: "famiglie numerose".into(),
        motivazione: "molte famiglie con tre o più figli".into(),
        percento: Percent::from_tenths(125),
    });
    let text = sign_submission(&s, &demo::fixture_key("019035"), demo::DEMO_SIGNED_AT);
    let version = format!(
        "\"versione\": {}",
        crate::submission::FORMAT_VERSION_BEFORE_2026
    );
    let writer = format!("\"scritto_da\": \"{}\"", crate::written_by());
    for written in ["\"percento\": 12.5", "\"percento\": 7.5", &version, &writer] {
        assert!(text.contains(written), "{written}");
    }
    let (_, registry) = demo::crema_2021_signed_files();
    let verified = crate::signing::verify_file(&text, &registry);
    assert_eq!(verified.outcome, Outcome::Trusted);
    let read = verified.submission.clone().unwrap();
    assert_eq!(read, s.clone().with_stated_totals());
    let again = serde_json::to_string_pretty(&read).unwrap();
    assert_eq!(crate::reader::read_submission(&again).unwrap(), read);

    let mut intake = Intake::new(crema(), 2021, registry);
    intake.add(checked(&[("crema.json".into(), text)], intake.registry()));
    assert!(
        all_counted(&intake),
        "{:?}",
        intake.received()[0].disposition
    );
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    let q = &plan.quote[0];
    assert_eq!(q.forze_polizia_percento, Percent::from_tenths(75));
    // f = 34: 7,5% = 2.55 and 12,5% = 4.25, caps rounded down to 2 and 4.
    assert_eq!(
        (q.quote.forze_polizia, q.quote.categoria_aggiuntiva),
        (2, 4)
    );
    let json = serde_json::to_value(q).unwrap();
    assert_eq!(json["forze_polizia_percento"], serde_json::json!(7.5));
    let table = crate::tables::tables(&plan)
        .into_iter()
        .find(|t| t.sheet == "g-h-i Quote")
        .unwrap();
    assert_eq!(table.rows[0][5], crate::tables::Cell::Text("7,5%".into()));
}

/// Only the comune capofila's key signs the plan (Castelleone's key signed the Crema plan).
#[test]
fn only_the_capofilas_key_signs_the_plan() {
    let intake = Intake::new(crema(), 2021, TrustRegistry::default());
    assert!(
        crate::request::check_plan_signer(intake.ambito(), "Comune di Crema", "019035").is_ok()
    );
    let err = crate::request::check_plan_signer(intake.ambito(), "Comune di Castelleone", "019025")
        .unwrap_err();
    assert_eq!(
        err.it,
        "La chiave aperta è di «Comune di Castelleone» (019025): il piano si firma solo con la chiave del comune capofila, Comune di Crema (019035). Aprire la chiave del capofila."
    );
}

/// The same file dropped twice is one entry, not a file "replaced by itself".
#[test]
fn the_same_file_dropped_twice_is_one_entry() {
    let (files, registry) = crate::demo::crema_2021_signed_files();
    let mut intake = Intake::new(crema(), 2021, registry);
    let check = |name: &str, text: &str, intake: &Intake| {
        CheckedFile::check(name.into(), text.as_bytes().to_vec(), intake.registry())
    };
    let (name, text) = &files[0];
    let first = check(name, text, &intake);
    assert!(intake.add(vec![first]).is_empty());
    let again = vec![
        check(&format!("copia di {name}"), text, &intake),
        check(&format!("altra copia di {name}"), text, &intake),
    ];
    assert_eq!(
        intake.add(again),
        [format!("copia di {name}"), format!("altra copia di {name}")]
    );
    assert_eq!(intake.received().len(), 1);
    assert_eq!(intake.received()[0].disposition, Disposition::Conteggiata);
}

/// The submission of `ente_id` in the Crema 2021 demo.
fn submission_of(ente_id: &str) -> Submission {
    demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == ente_id)
        .unwrap()
}

fn public_key(key: &SigningKey) -> String {
    multikey::public_key_multibase(&key.verifying_key())
}

fn disposition_of<'a>(intake: &'a Intake, name: &str) -> &'a Disposition {
    &intake
        .received()
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} not received"))
        .disposition
}

/// Crema's old key, its new one, and an intake whose registry trusts the old one.
fn crema_with_old_key() -> (SigningKey, SigningKey, Intake) {
    let (old, new) = (
        SigningKey::from_bytes(&[21; 32]),
        SigningKey::from_bytes(&[22; 32]),
    );
    let mut registry = TrustRegistry::default();
    registry.accept(
        "019035",
        "Comune di Crema",
        &public_key(&old),
        "2026-11-10T10:00:00Z",
        "PEC prot. 1000",
    );
    (old, new, Intake::new(crema(), 2021, registry))
}

#[test]
fn replacing_a_key_keeps_the_old_files_and_refuses_later_ones_signed_with_the_old_key() {
    let (old, new, mut intake) = crema_with_old_key();
    let crema_2021 = submission_of("019035");
    intake.add(checked(
        &[
            (
                "prima.json".into(),
                sign_submission(&crema_2021, &old, "2026-11-20T10:00:00Z"),
            ),
            (
                "dopo-con-la-vecchia.json".into(),
                sign_submission(&crema_2021, &old, "2026-12-02T10:00:00Z"),
            ),
        ],
        intake.registry(),
    ));
    assert_eq!(
        disposition_of(&intake, "dopo-con-la-vecchia.json"),
        &Disposition::Conteggiata,
        "before the replacement the old key is the ente's"
    );
    assert!(!intake.replace_key(
        "019035",
        "Comune di Crema",
        &public_key(&new),
        "2026-12-01T10:00:00Z",
        " "
    ));
    assert!(intake.replace_key(
        "019035",
        "Comune di Crema",
        &public_key(&new),
        "2026-12-01T10:00:00Z",
        "PC nuovo, PEC prot. 1300"
    ));
    let keys = &intake.registry().enti["019035"].chiavi;
    assert_eq!(keys.len(), 2, "the old key is kept");
    assert_eq!(
        keys[0].ritirata.as_ref().map(|r| (r.come, r.dal.as_str())),
        Some((RetirementKind::Sostituita, "2026-12-01T10:00:00Z"))
    );
    assert_eq!(
        disposition_of(&intake, "prima.json"),
        &Disposition::Conteggiata
    );
    let Disposition::Scartata(reason) = disposition_of(&intake, "dopo-con-la-vecchia.json") else {
        panic!("signed with the old key after the replacement")
    };
    assert_eq!(
        reason.it,
        "Firma valida, ma con una chiave sostituita dal 01/12/2026 (motivo: PC nuovo, PEC prot. 1300): il file non conta. Chiedere all'ente di firmare di nuovo con la chiave nuova."
    );
    assert!(
        reason.en.contains("replaced from 01/12/2026"),
        "{}",
        reason.en
    );

    // The ente signs again with its new key: that file counts, the old one is superseded.
    intake.add(checked(
        &[(
            "nuova.json".into(),
            sign_submission(&crema_2021, &new, "2026-12-03T10:00:00Z"),
        )],
        intake.registry(),
    ));
    assert_eq!(
        disposition_of(&intake, "nuova.json"),
        &Disposition::Conteggiata
    );
    assert_eq!(
        disposition_of(&intake, "prima.json"),
        &Disposition::Sostituita(Supersession {
            by: "nuova.json".into(),
            by_signed_at: "2026-12-03T10:00:00Z".into()
        })
    );

    // A third key is a mismatch that names only the key in use.
    intake.add(checked(
        &[(
            "altra.json".into(),
            sign_submission(
                &crema_2021,
                &SigningKey::from_bytes(&[23; 32]),
                "2026-12-04T10:00:00Z",
            ),
        )],
        intake.registry(),
    ));
    let altra = intake
        .received()
        .iter()
        .find(|f| f.name == "altra.json")
        .unwrap();
    assert_eq!(
        altra.verified.outcome,
        Outcome::KeyMismatch(vec![crate::signing::fingerprint(&public_key(&new))])
    );
}

#[test]
fn revoking_a_key_from_a_day_discards_the_files_signed_from_then_on() {
    let (old, _, mut intake) = crema_with_old_key();
    let crema_2021 = submission_of("019035");
    intake.add(checked(
        &[
            (
                "prima.json".into(),
                sign_submission(&crema_2021, &old, "2026-11-30T23:00:00Z"),
            ),
            (
                "dopo.json".into(),
                sign_submission(&crema_2021, &old, "2026-12-01T08:00:00Z"),
            ),
        ],
        intake.registry(),
    ));
    assert_eq!(
        disposition_of(&intake, "prima.json"),
        &Disposition::Sostituita(Supersession {
            by: "dopo.json".into(),
            by_signed_at: "2026-12-01T08:00:00Z".into()
        })
    );
    let fingerprint = crate::signing::fingerprint(&public_key(&old));
    let from = crate::signing::check_retirement("2026-12-01", "PC rubato").unwrap();
    assert!(intake.revoke_key("019035", &fingerprint, &from, "PC rubato"));
    assert!(!intake.revoke_key("019035", &fingerprint, &from, "PC rubato"));
    assert_eq!(
        disposition_of(&intake, "prima.json"),
        &Disposition::Conteggiata
    );
    let dopo = intake
        .received()
        .iter()
        .find(|f| f.name == "dopo.json")
        .unwrap();
    assert_eq!(dopo.verified.outcome.code(), "chiave-revocata");
    assert!(
        matches!(&dopo.disposition, Disposition::Scartata(m) if m.it.contains("revocata dal 01/12/2026 (motivo: PC rubato)")),
        "{:?}",
        dopo.disposition
    );
    assert_eq!(
        intake.registry().enti["019035"].chiavi[0]
            .ritirata
            .as_ref()
            .map(|r| r.come),
        Some(RetirementKind::Revocata)
    );
}

#[test]
fn pasting_a_pec_accepts_exactly_the_entes_whose_fingerprints_it_contains() {
    let mut intake = Intake::new(crema(), 2021, TrustRegistry::default());
    let signed = |id: &str, seed: u8| {
        let s = submission_of(id);
        let key = SigningKey::from_bytes(&[seed; 32]);
        let file = (
            format!("{id}.json"),
            sign_submission(&s, &key, "2026-11-20T10:00:00Z"),
        );
        (file, crate::signing::fingerprint(&public_key(&key)))
    };
    let (crema_file, crema_fp) = signed("019035", 31);
    let (castelleone_file, castelleone_fp) = signed("019025", 32);
    let (agnadello_file, agnadello_fp) = signed("019002", 33);
    intake.add(checked(
        &[crema_file, castelleone_file, agnadello_file],
        intake.registry(),
    ));
    let pec = format!(
        "Oggetto: impronte delle chiavi di firma\n\n\
         Buongiorno, il Comune di Crema comunica l'impronta {}.\n\
         Per Castelleone, impronta dell'anno 2026 {} (prot. 2026-0001234).\n\
         Un'impronta sbagliata: 0000-1111-2222-3333-4444. Cordiali saluti.",
        crema_fp.to_lowercase(),
        castelleone_fp.replace('-', " ")
    );
    let paste = intake.accept_fingerprints(&pec, "2026-11-23T10:00:00Z", "PEC prot. 1234");
    let accepted: Vec<(&str, &str)> = paste
        .accepted
        .iter()
        .map(|k| (k.ente_id.as_str(), k.fingerprint.as_str()))
        .collect();
    assert_eq!(
        accepted,
        [
            ("019035", crema_fp.as_str()),
            ("019025", castelleone_fp.as_str())
        ]
    );
    assert_eq!(
        paste.still_waiting,
        [FileKey {
            name: "019002.json".into(),
            ente_id: "019002".into(),
            ente: "Comune di Agnadello".into(),
            fingerprint: agnadello_fp,
        }]
    );
    assert_eq!(paste.unmatched, ["0000-1111-2222-3333-4444"]);
    assert!(paste.key_mismatch.is_empty() && paste.already_registered.is_empty());
    assert_eq!(
        disposition_of(&intake, "019035.json"),
        &Disposition::Conteggiata
    );
    assert_eq!(
        disposition_of(&intake, "019025.json"),
        &Disposition::Conteggiata
    );
    assert_eq!(
        disposition_of(&intake, "019002.json"),
        &Disposition::ChiaveDaAccettare
    );
    assert_eq!(
        intake.registry().enti["019035"].chiavi[0].nota,
        "PEC prot. 1234"
    );

    // The same PEC pasted again changes nothing and says the keys are registered.
    let again = intake.accept_fingerprints(&pec, "2026-11-24T10:00:00Z", "di nuovo");
    assert!(again.accepted.is_empty());
    assert_eq!(again.already_registered, [crema_fp, castelleone_fp]);
    assert_eq!(again.unmatched, ["0000-1111-2222-3333-4444"]);
}

#[test]
fn a_file_signed_with_another_key_is_not_accepted_by_a_paste_but_reported() {
    let (_, new, mut intake) = crema_with_old_key();
    let new_fp = crate::signing::fingerprint(&public_key(&new));
    intake.add(checked(
        &[(
            "crema.json".into(),
            sign_submission(&submission_of("019035"), &new, "2026-12-02T10:00:00Z"),
        )],
        intake.registry(),
    ));
    let registry_before = intake.registry().clone();
    let paste = intake.accept_fingerprints(
        &format!("nuova impronta: {new_fp}"),
        "2026-12-02T11:00:00Z",
        "PEC",
    );
    assert!(paste.accepted.is_empty() && paste.unmatched.is_empty());
    assert_eq!(paste.key_mismatch.len(), 1);
    assert_eq!(
        (
            paste.key_mismatch[0].name.as_str(),
            paste.key_mismatch[0].fingerprint.as_str()
        ),
        ("crema.json", new_fp.as_str())
    );
    assert_eq!(intake.registry(), &registry_before, "nothing accepted");
    assert!(matches!(
        disposition_of(&intake, "crema.json"),
        Disposition::Scartata(_)
    ));
}

/// Crema's trusted key and an intake whose clock says 1 December 2026, 10:00.
fn crema_on_1_december() -> (SigningKey, Intake) {
    let (key, _, mut intake) = crema_with_old_key();
    intake.set_now("2026-12-01T10:00:00Z");
    (key, intake)
}

#[test]
fn a_file_dated_in_the_future_waits_for_the_capofila_and_does_not_beat_the_real_one() {
    let (key, mut intake) = crema_on_1_december();
    let mut s = submission_of("019035");
    let real = sign_submission(&s, &key, "2026-11-30T09:00:00Z");
    s.consistenza.sas += 1;
    let future = sign_submission(&s, &key, "2099-01-01T08:00:00Z");
    intake.add(checked(
        &[("reale.json".into(), real), ("futura.json".into(), future)],
        intake.registry(),
    ));
    assert_eq!(
        disposition_of(&intake, "reale.json"),
        &Disposition::Conteggiata
    );
    let Disposition::DataFutura(reason) = disposition_of(&intake, "futura.json") else {
        panic!("{:?}", disposition_of(&intake, "futura.json"))
    };
    assert_eq!(
        reason.it,
        "firmato il 01/01/2099, una data futura rispetto all'orologio di questo computer (01/12/2026): può essere un errore dell'orologio del PC dell'ente; verificare con l'ente, poi confermare la data o chiedere un file nuovo"
    );
    assert!(reason
        .en
        .contains("signed on 01/01/2099, a date in the future"));
    let future_file = &intake.received()[1];
    assert_eq!(future_file.state().name().it, "data da confermare");
    assert!(future_file
        .explanation()
        .it
        .starts_with("Firmato il 01/01/2099"));
    assert_eq!(intake.counted().len(), 1, "the future file is not counted");

    // Confirmed, it competes as any file: its date is the later one, so it counts.
    assert!(
        !intake.confirm_date("reale.json"),
        "nothing to confirm there"
    );
    assert!(intake.confirm_date("futura.json"));
    assert_eq!(
        disposition_of(&intake, "futura.json"),
        &Disposition::Conteggiata
    );
    let Disposition::Sostituita(won) = disposition_of(&intake, "reale.json") else {
        panic!("{:?}", disposition_of(&intake, "reale.json"))
    };
    assert_eq!(won.by, "futura.json");
    assert_eq!(
        intake.received()[0].explanation().it,
        "Conta il file firmato più di recente, futura.json, firmato il 01/01/2099 08:00; questo è del 30/11/2026 09:00."
    );
    assert_eq!(
        intake.confirmed_dates().collect::<Vec<_>>(),
        ["futura.json"]
    );
}

#[test]
fn a_file_signed_within_a_day_of_the_capofilas_clock_counts_and_without_a_clock_nothing_waits() {
    let (key, mut intake) = crema_on_1_december();
    let s = submission_of("019035");
    // A PC a few hours ahead (or in another time zone) is not questioned.
    let ahead = sign_submission(&s, &key, "2026-12-02T09:59:59Z");
    intake.add(checked(&[("avanti.json".into(), ahead)], intake.registry()));
    assert_eq!(
        disposition_of(&intake, "avanti.json"),
        &Disposition::Conteggiata
    );
    let later = sign_submission(&s, &key, "2026-12-02T10:00:01Z");
    intake.add(checked(
        &[("dopo.json".into(), later.clone())],
        intake.registry(),
    ));
    assert!(matches!(
        disposition_of(&intake, "dopo.json"),
        Disposition::DataFutura(_)
    ));
    // The clock moves on (the page's next day): the file is no longer in the future.
    intake.set_now("2026-12-03T00:00:00Z");
    assert_eq!(
        disposition_of(&intake, "dopo.json"),
        &Disposition::Conteggiata
    );

    let (_, _, mut no_clock) = crema_with_old_key();
    no_clock.add(checked(&[("dopo.json".into(), later)], no_clock.registry()));
    assert_eq!(
        disposition_of(&no_clock, "dopo.json"),
        &Disposition::Conteggiata
    );
}

/// Signing times are moments: "11:00+02:00" is before "10:00Z" although it sorts after it
/// as text, and more decimals are not a later time.
#[test]
fn the_newest_signed_file_is_chosen_by_moment_not_by_text() {
    let (key, mut intake) = crema_on_1_december();
    let mut s = submission_of("019035");
    let earlier = sign_submission(&s, &key, "2026-11-20T11:00:00+02:00");
    s.consistenza.sas += 1;
    let later = sign_submission(&s, &key, "2026-11-20T10:00:00Z");
    intake.add(checked(
        &[
            ("b-dopo.json".into(), later),
            ("a-prima.json".into(), earlier),
        ],
        intake.registry(),
    ));
    assert_eq!(
        disposition_of(&intake, "b-dopo.json"),
        &Disposition::Conteggiata
    );
    let Disposition::Sostituita(won) = disposition_of(&intake, "a-prima.json") else {
        panic!("{:?}", disposition_of(&intake, "a-prima.json"))
    };
    assert_eq!(won.by, "b-dopo.json");
    assert_eq!(
        intake.received()[1].explanation().it,
        "Conta il file firmato più di recente, b-dopo.json, firmato il 20/11/2026 10:00; questo è del 20/11/2026 11:00."
    );
}

#[test]
fn a_received_file_with_a_bidi_name_is_shown_with_the_character_visible() {
    let (key, mut intake) = crema_on_1_december();
    let mut s = submission_of("019035");
    s.referente.nome = "Maria \u{202e}issoR".into();
    let text = sign_submission(&s, &key, "2026-11-30T09:00:00Z");
    intake.add(checked(
        &[("crema\u{202e}nosj.exe".into(), text)],
        intake.registry(),
    ));
    let file = &intake.received()[0];
    assert_eq!(file.shown_name(), "crema[U+202E]nosj.exe");
    let Disposition::Scartata(reason) = &file.disposition else {
        panic!("{:?}", file.disposition)
    };
    assert!(
        reason.it.contains("Il nome del referente contiene un carattere invisibile che può cambiare come appare (U+202E)"),
        "{reason}"
    );
}

mod status_board {
    use super::*;
    use crate::intake::status::{RequestMatch, Standing};
    use crate::request::{read_request, Request};

    fn request_2021() -> (String, crate::request::VerifiedRequest) {
        let sender = demo::crema_capofila();
        let text = Request::new(&crema(), 2021, "2021-03-31", sender, "Inviare entro marzo.")
            .signed(&demo::fixture_key("019035"), "2021-03-01T09:00:00Z");
        let read = read_request(text.as_bytes(), None).unwrap();
        (text, read)
    }

    #[test]
    fn the_board_moves_as_answers_arrive_and_the_reminder_lists_who_is_missing() {
        let (files, registry) = demo::crema_2021_signed_files();
        let mut intake = Intake::new(crema(), 2021, registry.clone());
        let (_, request) = request_2021();
        intake.set_request(Some(request.clone())).unwrap();
        let before = intake.status_board("2021-03-20");
        assert_eq!(before.comuni.len(), 48);
        assert_eq!(before.count(Standing::Answered), 0);
        assert_eq!(
            before.count(Standing::OwnerSilent),
            24,
            "the preset's owners"
        );
        assert_eq!(before.count(Standing::Silent), 24);
        assert_eq!(before.days_left, Some(11));
        assert!(before
            .deadline_line
            .unwrap()
            .it
            .contains("mancano 11 giorni"));

        // An answer made from the request names its hash; one made without names none.
        let crema_code: IstatCode = "019035".parse().unwrap();
        let mut answer = demo::crema_2021()
            .into_iter()
            .find(|s| s.ente.comune_code() == Some(crema_code))
            .unwrap();
        answer.richiesta = Some(request.reference());
        let signed = sign_submission(
            &answer,
            &demo::fixture_key("019035"),
            "2021-03-10T10:00:00Z",
        );
        intake.add(checked(&[("crema.json".into(), signed)], intake.registry()));
        let others: Vec<_> = files
            .iter()
            .filter(|(n, _)| !n.contains("019035") && !n.contains("aler"))
            .take(3)
            .cloned()
            .collect();
        intake.add(checked(&others, intake.registry()));
        let aler: Vec<_> = files
            .iter()
            .filter(|(n, _)| n.contains("aler"))
            .cloned()
            .collect();
        intake.add(checked(&aler, intake.registry()));
        let board = intake.status_board("2021-03-20");
        assert_eq!(
            board.others.len(),
            1,
            "the ALER's file, outside the comuni's rows"
        );
        assert!(board.others[0].0.starts_with("ALER"), "{:?}", board.others);
        assert!(board.others[0].1.counts);
        let crema_row = board.comuni.iter().find(|c| c.code == crema_code).unwrap();
        assert_eq!(crema_row.standing, Standing::Answered);
        assert_eq!(crema_row.files[0].request, Some(RequestMatch::ThisRequest));
        assert_eq!(board.count(Standing::Answered), 4);
        let without: Vec<_> = board
            .comuni
            .iter()
            .filter(|c| c.standing == Standing::Answered && c.code != crema_code)
            .collect();
        assert!(without
            .iter()
            .all(|c| c.files[0].request == Some(RequestMatch::NoRequest)));

        let reminder = board.reminder().unwrap().it;
        assert!(
            reminder.contains("Comune di Trescore Cremasco"),
            "{reminder}"
        );
        assert!(!reminder.contains("- Comune di Crema\n"), "{reminder}");
        assert!(reminder.contains("31/03/2021"), "{reminder}");
        assert!(reminder.contains("protocollo@pec.comune.crema.example"));
        // The owners that must answer come before the others.
        let owners_part = reminder.split("Non abbiamo ancora").next().unwrap();
        assert!(owners_part.contains("titolari di alloggi"), "{reminder}");
    }

    #[test]
    fn a_file_waiting_for_its_key_is_not_asked_again_and_after_the_deadline_the_reminder_says_so() {
        let mut intake = Intake::new(crema(), 2021, TrustRegistry::default());
        let (_, request) = request_2021();
        intake.set_request(Some(request)).unwrap();
        let (files, _) = demo::crema_2021_signed_files();
        let comune: Vec<_> = files
            .into_iter()
            .filter(|(n, _)| !n.contains("aler"))
            .take(1)
            .collect();
        // With an empty registry the key waits to be accepted: the file does not count yet,
        // but the comune sent it and is «in attesa di verifica», not missing (issue #24).
        intake.add(checked(&comune, intake.registry()));
        let board = intake.status_board("2021-04-02");
        assert_eq!(board.count(Standing::Waiting), 1);
        assert_eq!(board.count(Standing::AnsweredNotCounted), 0);
        assert_eq!(board.days_left, Some(-2));
        let line = board.deadline_line.clone().unwrap().it;
        assert!(
            line.contains("Scadenza passata") && line.contains("2 giorni fa"),
            "{line}"
        );
        let reminder = board.reminder().unwrap().it;
        assert!(!reminder.contains("non si può conteggiare"), "{reminder}");
        assert!(
            reminder.contains(
                "in attesa di verifica da parte del capofila: non occorre inviarla di nuovo"
            ),
            "{reminder}"
        );
        assert!(reminder.contains("(chiave da accettare)"), "{reminder}");
        assert!(reminder.contains("era il 31/03/2021"), "{reminder}");
    }

    #[test]
    fn files_of_comuni_outside_the_ambito_are_their_own_group_never_among_the_owners() {
        let (files, registry) = demo::crema_2021_signed_files();
        let mut intake = Intake::new(ambiti::preset("cremona").unwrap(), 2021, registry);
        intake.add(checked(&files, intake.registry()));
        let board = intake.status_board("2021-03-20");
        assert_eq!(board.others.len(), 1, "{:?}", board.others);
        assert!(board.others[0].0.starts_with("ALER"), "{:?}", board.others);
        assert_eq!(board.outside_ambito.len(), files.len() - 1);
        assert!(board
            .outside_ambito
            .iter()
            .all(|(ente, f)| ente.starts_with("Comune di ") && !f.counts));
        assert!(board
            .outside_ambito
            .iter()
            .any(|(ente, _)| ente == "Comune di Crema"));
    }

    #[test]
    fn a_request_of_another_year_is_refused_and_another_year_forgets_the_request() {
        let mut intake = Intake::new(crema(), 2022, TrustRegistry::default());
        let (_, request) = request_2021();
        let err = intake.set_request(Some(request.clone())).unwrap_err();
        assert!(err.it.contains("piano 2021"), "{err}");
        assert!(intake.request().is_none());
        intake.set_year(2021);
        intake.set_request(Some(request)).unwrap();
        assert!(intake.request().is_some());
        intake.set_year(2022);
        assert!(intake.request().is_none());
        assert_eq!(intake.status_board("2022-01-01").deadline, None);
    }
}

#[test]
fn a_verdict_made_against_another_registry_is_verified_again_when_added() {
    // The drop zone verifies against the registry of the drop's start: what the intake
    // counts is what its own registry says, not what the drop's said.
    let (files, trusting) = demo::crema_2021_signed_files();
    let trusting = Rc::new(trusting);
    let mut intake = Intake::new(crema(), 2021, TrustRegistry::default());
    intake.add(checked(&files[..1], &trusting));
    assert_eq!(
        intake.received()[0].disposition,
        Disposition::ChiaveDaAccettare,
        "a key this intake does not trust"
    );
    // A key accepted while the drop was being verified: the file counts.
    let mut intake = Intake::new(crema(), 2021, TrustRegistry::default());
    let at_start = intake.registry().clone();
    let dropped = checked(&files[1..2], &at_start);
    let signer = dropped[0].verified.submission.clone().unwrap().ente;
    let key = dropped[0].verified.public_key.clone().unwrap();
    assert!(intake.accept_key(
        &signer.id(),
        &signer.display_name(),
        &key,
        "2020-12-01T10:00:00Z",
        ""
    ));
    intake.add(dropped);
    assert_eq!(intake.received()[0].disposition, Disposition::Conteggiata);
}

#[test]
fn a_file_not_read_keeps_its_verdict_when_the_registry_changes() {
    // Its verdict was given without its bytes: verifying "again" would judge empty bytes.
    let (files, _) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(crema(), 2021, TrustRegistry::default());
    intake.add(vec![CheckedFile::too_large(
        "grande.json".into(),
        MAX_FILE_BYTES + 1,
    )]);
    let before = intake.received()[0].verified.clone();
    let dropped = checked(&files[..1], intake.registry());
    let signer = dropped[0].verified.submission.clone().unwrap().ente;
    let key = dropped[0].verified.public_key.clone().unwrap();
    assert!(intake.accept_key(
        &signer.id(),
        &signer.display_name(),
        &key,
        "2020-12-01T10:00:00Z",
        ""
    ));
    assert_eq!(intake.received()[0].verified, before);
}

#[test]
fn a_drop_and_its_clock_are_classified_once() {
    let (files, registry) = demo::crema_2021_signed_files();
    let mut intake = Intake::new(crema(), 2021, registry);
    let dropped = checked(&files, intake.registry());
    let before = intake.classified.0;
    assert!(intake.add_at(dropped, "2020-12-01T10:00:00Z").is_empty());
    assert_eq!(
        intake.classified.0 - before,
        1,
        "one classification per drop"
    );
    assert_eq!(intake.now(), Some("2020-12-01T10:00:00Z"));
    assert!(all_counted(&intake));
    // The clock counts as set_now's: a file signed after it waits.
    let mut later = Intake::new(crema(), 2021, demo::crema_2021_signed_files().1);
    let dropped = checked(&files[..1], later.registry());
    later.add_at(dropped, "2019-01-01T10:00:00Z");
    assert!(matches!(
        later.received()[0].disposition,
        Disposition::DataFutura(_)
    ));
}

/// The entes of Crema 2021 in the published order: the ALER, then the comuni alphabetically.
fn published_order() -> Vec<String> {
    demo::crema_2021_owners()
        .iter()
        .map(|s| s.ente.display_name())
        .collect()
}

/// Each table's rows in the published order: an ente's rows after those of the entes before
/// it, and within an ente its comuni by name, the ALER's units «non ripartite per comune»
/// last. `what` names the table in a failure.
fn assert_published_order(what: &str, table: &crate::tables::DocTable) {
    let order = published_order();
    let position = |name: &str| order.iter().position(|e| e == name);
    let rows: Vec<&Vec<String>> = table.rows.iter().collect();
    let entes_first = !rows.is_empty() && rows.iter().all(|r| position(&r[0]).is_some());
    let comune_column = table
        .headers
        .iter()
        .enumerate()
        .position(|(i, h)| h == "Comune" && !(i == 0 && entes_first));
    let comune_key = |r: &Vec<String>| {
        comune_column.map(|c| {
            let name = &r[c];
            (name.starts_with('('), name.to_lowercase())
        })
    };
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let same_ente = if entes_first {
            let (pa, pb) = (position(&a[0]), position(&b[0]));
            assert!(pa <= pb, "{what}: «{}» before «{}»", a[0], b[0]);
            pa == pb
        } else {
            true
        };
        if same_ente {
            assert!(
                comune_key(a) <= comune_key(b),
                "{what}: comune «{:?}» before «{:?}»",
                comune_key(a),
                comune_key(b)
            );
        }
    }
}

/// Issue #27: with the ALER's file dropped last (and the comuni's in reverse) every table of
/// the plan and of its document is still in the published order.
#[test]
fn the_plan_keeps_the_published_order_whatever_order_the_files_arrive_in() {
    let (mut files, registry) = demo::crema_2021_signed_files();
    let aler = files.remove(0);
    assert!(aler.1.contains(demo::ALER_NAME));
    files.reverse();
    files.push(aler);
    let ambito = crema();
    let mut intake = Intake::new(ambito.clone(), 2021, registry);
    intake.add(checked(&files, intake.registry()));
    assert!(all_counted(&intake));
    let plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    let entes: Vec<&str> = plan.per_ente.iter().map(|o| o.ente.as_str()).collect();
    assert_eq!(entes, published_order());
    for t in crate::tables::tables(&plan) {
        assert_published_order(t.sheet, &crate::tables::DocTable::from(&t));
    }
    let texts = crate::plan_texts::PlanTexts::defaults(&ambito, 2021);
    let doc = crate::document::plan_document(&crate::document::DocumentInput {
        plan: &plan,
        ambito: &ambito,
        year: 2021,
        texts: &texts,
        received: intake.received(),
        previous: None,
    });
    let tables: Vec<&crate::tables::DocTable> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            crate::document::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    for (i, t) in tables.iter().enumerate() {
        assert_published_order(&format!("table {i} of the document"), t);
    }
    // The first row of a) is the ALER's, in the document's text too.
    let text = doc.text();
    let a = text
        .lines()
        .skip_while(|l| !l.starts_with("a)"))
        .nth(2)
        .unwrap();
    assert!(a.starts_with(&format!("{}\t1.006", demo::ALER_NAME)), "{a}");
}

/// The drop as the page makes it (each file validated by the rules as it is verified,
/// [`CheckedFile::validated_for`]) and as the CLI makes it (validated at the end, all at
/// once): the same dispositions, status board and plan, to the byte. Also when the ambito
/// changed during the drop (the files are validated again for the new one).
fn validated_during_the_drop_is_the_same(
    files: &[(String, String)],
    registry: TrustRegistry,
    ambito: Ambito,
    year: u16,
) {
    let now = "2027-03-01T10:00:00Z";
    let mut at_once = Intake::new(ambito.clone(), year, registry.clone());
    let checked_at_once = checked(files, at_once.registry());
    assert_eq!(at_once.add_at(checked_at_once, now), Vec::<String>::new());
    let mut during = Intake::new(ambito, year, registry);
    let own_ambito = during.ambito().clone();
    let other_ambito = Rc::new(ambiti::preset("cremona").unwrap());
    let validated: Vec<CheckedFile> = checked(files, during.registry())
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            f.validated_for(if i % 7 == 3 {
                &other_ambito
            } else {
                &own_ambito
            })
        })
        .collect();
    assert_eq!(during.add_at(validated, now), Vec::<String>::new());
    assert_eq!(during.received(), at_once.received());
    assert_eq!(
        during.status_board("2027-03-01"),
        at_once.status_board("2027-03-01")
    );
    let plan = |i: &Intake| {
        let plan = crate::planning::plan_of(i, &crate::planning::LastYear::default());
        crate::tables::tables(&plan)
    };
    assert_eq!(plan(&during), plan(&at_once));
}

#[test]
fn files_validated_during_the_drop_classify_as_at_its_end_the_48_of_crema() {
    let (files, registry) = crate::fixtures::crema_2021_to_decide();
    validated_during_the_drop_is_the_same(&files, registry, crema(), 2021);
}

/// At the Region's scale, beyond the 1,506 comuni of Lombardy (an ente sends again, so
/// supersession is exercised); and the status board, which gathers each comune's files in
/// one pass, lists them in the order received, as asking every file for every comune would.
#[test]
fn files_validated_during_the_drop_classify_as_at_its_end_at_the_region_s_scale() {
    let (files, registry, ambito) = crate::fixtures::lombardy_signed_files(1600, 2027);
    validated_during_the_drop_is_the_same(&files, registry.clone(), ambito.clone(), 2027);
    let mut intake = Intake::new(ambito, 2027, registry);
    intake.add_at(checked(&files, intake.registry()), "2027-03-01T10:00:00Z");
    let board = intake.status_board("2027-03-01");
    for comune in &board.comuni {
        let names: Vec<&str> = intake
            .received()
            .iter()
            .filter(|f| {
                f.verified
                    .submission
                    .as_ref()
                    .and_then(|s| s.ente.comune_code())
                    == Some(comune.code)
            })
            .map(|f| f.name.as_str())
            .collect();
        let listed: Vec<&str> = comune.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(listed, names, "{}", comune.name);
    }
    assert!(board.comuni.iter().any(|c| c.files.len() == 2));
}
