//! A `.p7m` (the ente's own firma digitale) dropped into the intake: verified against the
//! intake's trust anchors, its content read and checked like any file, counted once the
//! capofila confirms its signer for the ente. Fixtures: tests/cades/ (README, make.sh); their
//! content is Castelleone's 2021 submission for the ambito of Crema.
#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.
use super::*;
use crate::signing::cades::anchor_from_file;
use crate::signing::trust::SignerStanding;
use crate::signing::{Outcome, RetirementKind};

/// After every fixture's signing time (December 2026) and inside the test certificates'.
const NOW: &str = "2027-01-10T09:00:00Z";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/cades/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn test_root() -> Vec<TrustAnchor> {
    vec![anchor_from_file(&fixture("root-ca.pem"), "root-ca.pem").unwrap()]
}

fn crema_2021() -> Intake {
    Intake::new(
        crate::ambiti::preset("crema").unwrap(),
        2021,
        TrustRegistry::default(),
    )
}

/// `names` dropped at [`NOW`], verified up front against the intake's anchors.
fn dropped(intake: &mut Intake, names: &[&str]) {
    let check = intake.file_check(Some(NOW));
    let files = names
        .iter()
        .map(|n| check.check((*n).to_owned(), fixture(n)))
        .collect();
    assert!(intake.add_at(files, NOW).is_empty());
}

fn only(intake: &Intake) -> &ReceivedFile {
    assert_eq!(intake.received().len(), 1);
    &intake.received()[0]
}

#[test]
fn a_p7m_waits_for_its_signer_then_counts_without_verifying_it_again() {
    let mut intake = crema_2021();
    intake.set_anchors(test_root());
    dropped(&mut intake, &["buona-rsa.json.p7m"]);
    let file = only(&intake);
    assert_eq!(file.disposition, Disposition::FirmatarioDaConfermare);
    assert_eq!(file.state(), FileState::SignerToConfirm);
    assert_eq!(file.state().name().it, "firmatario da confermare");
    assert_eq!(file.verified.outcome.code(), "firmatario-da-confermare");
    assert_eq!(
        file.verified
            .submission
            .as_ref()
            .unwrap()
            .ente
            .display_name(),
        "Comune di Castelleone"
    );
    let said = file.explanation();
    assert!(
        said.it.starts_with("Firma digitale di MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato qualificato di Offerta Test Trust Service"),
        "{}",
        said.it
    );
    assert!(
        said.it.contains("certificato indica questo ente"),
        "{}",
        said.it
    );
    assert!(
        said.en.starts_with("Digital signature of MARIO ROSSI"),
        "{}",
        said.en
    );
    assert_eq!(intake.waiting(), 1);
    assert!(intake.counted().is_empty());
    // The decision leads the files at a glance, in the state's one name.
    let groups = groups::file_groups(intake.received());
    assert_eq!(groups[0].state, FileState::SignerToConfirm);
    assert_eq!(groups::summary(&groups).it, "1 firmatario da confermare");

    let verdict_before = intake.files[0].p7m.clone().unwrap().verdict.unwrap();
    assert!(
        !intake.accept_signer("altro.json.p7m", NOW, ""),
        "no such file"
    );
    assert!(intake.accept_signer("buona-rsa.json.p7m", NOW, "PEC prot. 12"));
    let file = only(&intake);
    assert_eq!(file.disposition, Disposition::Conteggiata);
    assert_eq!(file.verified.outcome.code(), "firma-digitale-valida");
    assert!(file
        .explanation()
        .it
        .ends_with("firmatario registrato per questo ente."));
    assert_eq!(intake.waiting(), 0);
    assert_eq!(intake.counted().len(), 1);
    // The registry changed; the signature was not verified again (the same verdict).
    let verdict_after = intake.files[0].p7m.clone().unwrap().verdict.unwrap();
    assert!(Rc::ptr_eq(&verdict_before, &verdict_after));
    let entry = &intake.registry().enti["019025"].firmatari[0];
    assert_eq!(entry.codice_fiscale, "RSSMRA80A01H501U");
    assert_eq!(entry.nota, "PEC prot. 12");
    // Confirmed once: not again.
    assert!(!intake.accept_signer("buona-rsa.json.p7m", NOW, ""));
}

/// The page's drop and the CLI check each file with [`Intake::file_check`]: a `.p7m` is
/// verified there, once, against the intake's anchors and lists, and the intake takes the
/// verdict as it is (before, the drop verified every `.p7m` against no anchor, bound to fail,
/// and the intake verified it again).
#[test]
fn a_drop_checked_with_the_intakes_trust_verifies_each_p7m_once() {
    let mut intake = crema_2021();
    intake.set_anchors(test_root());
    let check = intake.file_check(Some(NOW));
    let file = check.check("buona-rsa.json.p7m".into(), fixture("buona-rsa.json.p7m"));
    assert_eq!(file.verified.outcome.code(), "firmatario-da-confermare");
    // Validated by the rules of the intake's ambito as it was verified.
    assert!(file.findings_for(intake.ambito()).is_some());
    let at_drop = file.p7m.clone().unwrap().verdict.unwrap();
    assert!(intake.add_at(vec![file], NOW).is_empty());
    let kept = intake.files[0].p7m.clone().unwrap().verdict.unwrap();
    assert!(Rc::ptr_eq(&at_drop, &kept), "verified again by the intake");
    assert_eq!(
        only(&intake).disposition,
        Disposition::FirmatarioDaConfermare
    );

    // A drop that started before the anchors changed: its verdict no longer holds, the
    // intake verifies the file again against its own.
    let stale = intake.file_check(Some(NOW));
    intake.clear_files();
    intake.set_anchors(Vec::new());
    let file = stale.check("buona-rsa.json.p7m".into(), fixture("buona-rsa.json.p7m"));
    assert_eq!(file.verified.outcome.code(), "firmatario-da-confermare");
    intake.add_at(vec![file], NOW);
    assert!(matches!(
        only(&intake).verified.outcome,
        Outcome::QualifiedRefused(_)
    ));
}

/// A refused `.p7m` says what to do once, and the right thing: a file changed after signing
/// is sent again; a certificate that was not good for signing (expired, not qualified, not
/// for non-repudiation) is replaced by signing again with a valid one, which sending the same
/// file again cannot mend; a CA missing from the list asks first for the current list.
#[test]
fn a_refused_p7m_says_once_what_to_do_and_the_right_thing() {
    let mut intake = crema_2021();
    intake.set_anchors(test_root());
    let cases = [
        ("alterata.json.p7m", "inviarla di nuovo", "send it again"),
        (
            "scaduta.json.p7m",
            "firmare di nuovo con un certificato di firma digitale valido",
            "sign again with a valid digital signature certificate",
        ),
        (
            "non-qualificata.json.p7m",
            "firmare di nuovo con un certificato di firma digitale valido",
            "sign again with a valid digital signature certificate",
        ),
        (
            "senza-non-ripudio.json.p7m",
            "firmare di nuovo con un certificato di firma digitale valido",
            "sign again with a valid digital signature certificate",
        ),
        (
            "ca-non-fidata.json.p7m",
            "caricare l'elenco di fiducia aggiornato",
            "load the current trusted list",
        ),
    ];
    dropped(&mut intake, &cases.map(|(name, ..)| name));
    for (file, (name, to_do_it, to_do_en)) in intake.received().iter().zip(cases) {
        assert_eq!(file.name, name);
        let said = file.explanation();
        assert!(said.it.contains(to_do_it), "{name}: {}", said.it);
        assert!(said.en.contains(to_do_en), "{name}: {}", said.en);
        assert_eq!(
            said.it.matches("hiedere all'ente").count(),
            1,
            "{name}: {}",
            said.it
        );
        assert_eq!(
            said.en.matches("sk the ente").count(),
            1,
            "{name}: {}",
            said.en
        );
    }
}

#[test]
fn a_p7m_checked_without_anchors_is_verified_again_against_the_intakes() {
    let mut intake = crema_2021();
    let registry = intake.registry().clone();
    let file = CheckedFile::check(
        "buona-rsa.json.p7m".into(),
        fixture("buona-rsa.json.p7m"),
        &registry,
    );
    assert!(matches!(
        file.verified.outcome,
        Outcome::QualifiedRefused(_)
    ));
    intake.set_anchors(test_root());
    intake.add_at(vec![file], NOW);
    assert_eq!(
        only(&intake).disposition,
        Disposition::FirmatarioDaConfermare
    );
    // Without anchors again: refused, the CA named untrusted in the reason.
    intake.set_anchors(Vec::new());
    let file = only(&intake);
    assert_eq!(file.state(), FileState::Refused(Refusal::InvalidSignature));
    assert_eq!(file.verified.outcome.code(), "firma-digitale-non-valida");
    let Outcome::QualifiedRefused(e) = &file.verified.outcome else {
        panic!("refused")
    };
    let said = file.explanation();
    assert!(
        said.it.starts_with("Firma digitale NON valida: "),
        "{}",
        said.it
    );
    assert!(said.it.contains(&e.message().plain.it), "{}", said.it);
}

#[test]
fn a_p7m_whose_firma_digitale_does_not_hold_is_refused_with_its_reason() {
    let mut intake = crema_2021();
    intake.set_anchors(test_root());
    let cases = [
        "ca-non-fidata.json.p7m",
        "alterata.json.p7m",
        "scaduta.json.p7m",
        "non-qualificata.json.p7m",
        "staccata.json.p7m",
        "sha1.json.p7m",
    ];
    dropped(&mut intake, &cases);
    for (file, name) in intake.received().iter().zip(cases) {
        let Outcome::QualifiedRefused(e) = &file.verified.outcome else {
            panic!("{name}: {:?}", file.verified.outcome)
        };
        assert_eq!(
            file.state(),
            FileState::Refused(Refusal::InvalidSignature),
            "{name}"
        );
        assert!(
            file.explanation().it.contains(&e.message().plain.it),
            "{name}"
        );
        assert_eq!(file.technical_detail(), e.message().technical, "{name}");
    }
    assert!(intake.counted().is_empty());
    assert_eq!(intake.waiting(), 0);
}

#[test]
fn the_base64_and_pem_forms_and_two_signers_are_the_same_submission() {
    let mut intake = crema_2021();
    intake.set_anchors(test_root());
    dropped(
        &mut intake,
        &[
            "base64.json.p7m",
            "pem.json.p7m",
            "due-firmatari.json.p7m",
            "buona-ecdsa-p256.json.p7m",
        ],
    );
    assert!(intake
        .received()
        .iter()
        .all(|f| f.disposition == Disposition::FirmatarioDaConfermare));
    // Bulk: the signers whose certificate names the ente (Rossi: «Comune di Castelleone»);
    // Bianchi's names no organisation and waits for a confirmation one by one.
    // Rossi signed three of the files: one signer to confirm, said as one by one.
    let rossi = crate::signing::trust::signs_for("MARIO ROSSI", "Comune di Castelleone");
    assert_eq!(intake.signers_naming_their_ente(), vec![rossi.clone()]);
    let confirmed = intake.accept_signers_naming_their_ente(NOW, "bulk");
    assert_eq!(confirmed, vec![rossi]);
    assert_eq!(
        intake.signers_confirmed_sentence(&confirmed),
        Bilingual::new(
            "Confermato 1 firmatario il cui certificato nomina il proprio ente: MARIO ROSSI firma per il Comune di Castelleone. 1 file attende ancora la conferma del firmatario, uno per uno.",
            "Confirmed 1 signer whose certificate names their own ente: MARIO ROSSI signs for the Comune di Castelleone. 1 file still waits for its signer to be confirmed, one by one."
        )
    );
    assert!(intake.signers_naming_their_ente().is_empty());
    let states: Vec<FileState> = intake.received().iter().map(ReceivedFile::state).collect();
    // Three files by Rossi (one with Bianchi too) now count; the newest signed wins.
    assert_eq!(
        states.iter().filter(|s| **s == FileState::Counted).count()
            + states
                .iter()
                .filter(|s| **s == FileState::Superseded)
                .count(),
        3,
        "{states:?}"
    );
    assert_eq!(intake.counted().len(), 1);
    assert_eq!(states[3], FileState::SignerToConfirm);
}

#[test]
fn a_p7m_by_a_signer_revoked_before_signing_does_not_count() {
    let mut intake = crema_2021();
    intake.set_anchors(test_root());
    dropped(&mut intake, &["buona-rsa.json.p7m"]);
    assert!(intake.accept_signer("buona-rsa.json.p7m", "2026-01-01T00:00:00Z", ""));
    assert_eq!(only(&intake).disposition, Disposition::Conteggiata);
    assert!(intake.change_registry(|r| r.revoke_signer(
        "019025",
        "TINIT-RSSMRA80A01H501U",
        "2026-06-01T00:00:00Z",
        "smart card smarrita"
    )));
    let file = only(&intake);
    assert_eq!(file.state(), FileState::SignerRevoked);
    assert!(matches!(
        &file.verified.outcome,
        Outcome::Qualified(_, SignerStanding::Retired(r)) if r.come == RetirementKind::Revocata
    ));
    let said = file.explanation().it;
    assert!(
        said.contains("il firmatario è stato revocato dal 01/06/2026"),
        "{said}"
    );
    assert!(said.contains("smart card smarrita"), "{said}");
    assert!(intake.counted().is_empty());
}

#[test]
fn the_verbale_names_the_signer_and_the_kind_of_signature() {
    let mut intake = crema_2021();
    intake.set_anchors(test_root());
    dropped(&mut intake, &["buona-rsa.json.p7m"]);
    let texts = crate::plan_texts::PlanTexts::default();
    let csv = crate::verbale::verbale(&intake, &texts, NOW).csv().unwrap();
    assert!(csv.contains("firmatario da confermare"), "{csv}");
    assert!(
        csv.contains("firma digitale di MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato qualificato di Offerta Test Trust Service; revoca non controllata (nessuna lista di revoca caricata per Offerta Test Trust Service); firmatario da confermare"),
        "{csv}"
    );
    intake.accept_signer("buona-rsa.json.p7m", NOW, "");
    let csv = crate::verbale::verbale(&intake, &texts, NOW).csv().unwrap();
    assert!(csv.contains("; firmatario registrato per l'ente"), "{csv}");
    assert!(csv.contains("conteggiata"), "{csv}");
}

#[test]
fn the_test_trusted_list_makes_the_test_root_an_anchor() {
    let list =
        crate::signing::trusted_list::read_trusted_list(&fixture("elenco-di-fiducia-di-prova.xml"))
            .unwrap();
    assert_eq!((list.sequence_number, list.territory.as_str()), (1, "IT"));
    let mut intake = crema_2021();
    intake.set_anchors(list.signature_anchors().cloned().collect());
    dropped(&mut intake, &["buona-rsa.json.p7m"]);
    assert_eq!(
        only(&intake).disposition,
        Disposition::FirmatarioDaConfermare
    );
}

/// Issue #29: a `.p7m` signed after the capofila's clock is not refused: once its signer is
/// known it waits as «data da confermare», in the words of an app-signed file dated ahead,
/// and counts once the capofila confirms the date.
#[test]
fn a_p7m_dated_ahead_of_the_capofilas_clock_waits_for_its_date_to_be_confirmed() {
    // Months before the fixtures' signing time (December 2026), inside their certificates'.
    const EARLIER: &str = "2026-06-01T09:00:00Z";
    let mut intake = crema_2021();
    intake.set_anchors(test_root());
    let file = CheckedFile::check_with_anchors(
        "buona-rsa.json.p7m".to_owned(),
        fixture("buona-rsa.json.p7m"),
        &intake.registry().clone(),
        &intake.anchors().clone(),
        Some(EARLIER),
    );
    assert!(intake.add_at(vec![file], EARLIER).is_empty());
    assert_eq!(
        only(&intake).disposition,
        Disposition::FirmatarioDaConfermare,
        "{}",
        only(&intake).explanation().it
    );
    assert!(intake.accept_signer("buona-rsa.json.p7m", EARLIER, ""));
    let file = only(&intake);
    assert_eq!(file.state(), FileState::DateToConfirm);
    assert_eq!(file.state().name().it, "data da confermare");
    let Disposition::DataFutura(reason) = &file.disposition else {
        panic!("{:?}", file.disposition);
    };
    assert!(
        reason.it.starts_with("firmato il ")
            && reason.it.contains(", una data futura rispetto all'orologio di questo computer (01/06/2026): può essere un errore dell'orologio del PC dell'ente; verificare con l'ente, poi confermare la data o chiedere un file nuovo"),
        "{}",
        reason.it
    );
    assert_eq!(intake.waiting(), 1);
    assert!(intake.counted().is_empty());
    assert!(intake.confirm_date("buona-rsa.json.p7m"));
    assert_eq!(only(&intake).disposition, Disposition::Conteggiata);
    assert_eq!(intake.counted().len(), 1);
}

/// Issue #29: the bulk confirmation across entes (tests/cades/enti/): ANNA NERI's certificate
/// names the Comune di Crema («COMUNE DI CREMA»), PAOLO GIALLI's the Comune di Romanengo
/// («Comune di Romanengo (CR)»): one call confirms both, and their files count; SARA BLU's
/// names a firm («Studio Tecnico Blu»), so Offanengo's file still waits for a confirmation one
/// by one.
#[test]
fn the_bulk_confirmation_records_the_signers_whose_certificate_names_their_ente() {
    let mut intake = crema_2021();
    let root = fixture("enti/root-ca.pem");
    intake.set_anchors(vec![anchor_from_file(&root, "root-ca.pem").unwrap()]);
    dropped(
        &mut intake,
        &[
            "enti/crema-neri.json.p7m",
            "enti/romanengo-gialli.json.p7m",
            "enti/offanengo-blu.json.p7m",
        ],
    );
    assert!(intake
        .received()
        .iter()
        .all(|f| f.disposition == Disposition::FirmatarioDaConfermare));
    let signs_for = crate::signing::trust::signs_for;
    let expected = vec![
        signs_for("ANNA NERI", "Comune di Crema"),
        signs_for("PAOLO GIALLI", "Comune di Romanengo"),
    ];
    assert_eq!(intake.signers_naming_their_ente(), expected);
    let confirmed = intake.accept_signers_naming_their_ente(NOW, "in blocco");
    assert_eq!(confirmed, expected);
    assert_eq!(
        intake.signers_confirmed_sentence(&confirmed).it,
        "Confermati 2 firmatari il cui certificato nomina il proprio ente: ANNA NERI firma per il Comune di Crema; PAOLO GIALLI firma per il Comune di Romanengo. 1 file attende ancora la conferma del firmatario, uno per uno."
    );
    let states: Vec<FileState> = intake.received().iter().map(ReceivedFile::state).collect();
    assert_eq!(
        states,
        [
            FileState::Counted,
            FileState::Counted,
            FileState::SignerToConfirm
        ]
    );
    assert!(intake.signers_naming_their_ente().is_empty());
    // The registry says why nobody compared them one by one.
    let registry = intake.registry().to_json();
    assert!(registry.contains("in blocco"), "{registry}");
    // The last one, confirmed by hand: nobody waits any more.
    assert!(intake.accept_signer("enti/offanengo-blu.json.p7m", NOW, ""));
    assert_eq!(
        intake.signers_confirmed_sentence(&confirmed).en,
        "Confirmed 2 signers whose certificate names their own ente: ANNA NERI signs for the Comune di Crema; PAOLO GIALLI signs for the Comune di Romanengo. No file waits for its signer to be confirmed any more."
    );
}

/// The revocation fixtures (tests/cades/revoca/): MARIO ROSSI's file, his chain's root.
mod revocation {
    use super::*;
    use crate::signing::cades::read_crl;

    fn revoca(name: &str) -> Vec<u8> {
        fixture(&format!("revoca/{name}"))
    }

    fn lists(names: &[&str]) -> Vec<RevocationList> {
        names
            .iter()
            .map(|n| read_crl(&revoca(n), n).unwrap())
            .collect()
    }

    fn intake_with_rossi() -> Intake {
        let mut intake = crema_2021();
        intake.set_anchors(vec![anchor_from_file(
            &revoca("root-ca.pem"),
            "root-ca.pem",
        )
        .unwrap()]);
        let file = CheckedFile::check_with_trust(
            "rossi.json.p7m".into(),
            revoca("firmata.json.p7m"),
            intake.registry(),
            intake.anchors(),
            intake.revocation_lists(),
            Some(NOW),
        );
        assert!(intake.add_at(vec![file], NOW).is_empty());
        intake
    }

    #[test]
    fn loading_a_revoking_list_refuses_the_file_and_removing_it_restores_it() {
        let mut intake = intake_with_rossi();
        let said = only(&intake).explanation().it;
        assert!(
            said.contains("revoca non controllata (nessuna lista di revoca caricata per Offerta Test Revoca Trust Service)"),
            "{said}"
        );
        assert_eq!(
            only(&intake).disposition,
            Disposition::FirmatarioDaConfermare
        );

        intake.set_revocation_lists(lists(&["revocato.crl"]));
        let file = only(&intake);
        assert_eq!(file.verified.outcome.code(), "firma-digitale-non-valida");
        let said = file.explanation();
        assert!(
            said.it.starts_with("Firma digitale NON valida: il certificato di firma di MARIO ROSSI è stato revocato il "),
            "{}",
            said.it
        );
        assert!(
            said.it.contains("(lista di revoca di Offerta Test Revoca Trust Service del 01/12/2026): la firma non vale"),
            "{}",
            said.it
        );
        assert!(said.en.contains("was revoked on"), "{}", said.en);
        // Sending the same file again cannot mend a revoked certificate.
        assert!(
            said.it.ends_with("la firma non vale; chiedere all'ente di firmare di nuovo con un certificato di firma digitale valido."),
            "{}",
            said.it
        );
        assert!(intake.counted().is_empty());
        let texts = crate::plan_texts::PlanTexts::default();
        let csv = crate::verbale::verbale(&intake, &texts, NOW).csv().unwrap();
        assert!(
            csv.contains("il certificato di firma di MARIO ROSSI è stato revocato il"),
            "{csv}"
        );

        intake.set_revocation_lists(Vec::new());
        assert_eq!(
            only(&intake).disposition,
            Disposition::FirmatarioDaConfermare
        );
    }

    #[test]
    fn a_clean_list_counts_the_file_and_says_not_revoked_in_the_disposition_and_the_verbale() {
        let mut intake = intake_with_rossi();
        intake.set_revocation_lists(lists(&["non-revocato.crl", "scaduta.crl"]));
        assert!(intake.accept_signer("rossi.json.p7m", NOW, ""));
        let file = only(&intake);
        assert_eq!(file.disposition, Disposition::Conteggiata);
        let words = "non revocato secondo la lista di revoca di Offerta Test Revoca Trust Service del 01/12/2026";
        assert!(
            file.explanation().it.contains(words),
            "{}",
            file.explanation().it
        );
        let texts = crate::plan_texts::PlanTexts::default();
        let csv = crate::verbale::verbale(&intake, &texts, NOW).csv().unwrap();
        assert!(csv.contains(words), "{csv}");
        // A file checked up front against the same lists is not verified again.
        let before = intake.files[0].p7m.clone().unwrap().verdict.unwrap();
        intake.set_revocation_lists(lists(&["non-revocato.crl", "scaduta.crl"]));
        let after = intake.files[0].p7m.clone().unwrap().verdict.unwrap();
        assert!(Rc::ptr_eq(&before, &after));
    }
}
