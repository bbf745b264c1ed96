use super::*;
use crate::signing::trust::{TrustedKey, REGISTRY_FORMAT_VERSION};

const CASTELLEONE: &str = "019025";
const COMUNE: &str = "Comune di Castelleone";
const ACCEPTED: &str = "2026-11-23T10:00:00Z";

fn signer(nome: &str, cf: &str, org: Option<&str>) -> QualifiedSigner {
    QualifiedSigner {
        nome_cognome: nome.into(),
        codice_fiscale: cf.into(),
        organizzazione: org.map(str::to_owned),
        certificatore: "ArubaPEC S.p.A. NG CA 3".into(),
        certificato_sha256: "0F".repeat(32),
    }
}

fn bianchi() -> QualifiedSigner {
    signer(
        "MARIA BIANCHI",
        "BNCMRA70A41C153X",
        Some("COMUNE DI CASTELLEONE"),
    )
}

fn rossi() -> QualifiedSigner {
    signer("MARIO ROSSI", "RSSMRA80A01H501U", None)
}

fn standing(r: &TrustRegistry, s: &QualifiedSigner, at: Option<&str>) -> SignerStanding {
    r.signer_standing(CASTELLEONE, COMUNE, s, at)
}

#[test]
fn a_signer_is_to_confirm_until_accepted_and_then_known_for_that_ente_only() {
    let mut r = TrustRegistry::default();
    let at = Some("2026-11-24T09:00:00Z");
    assert_eq!(
        standing(&r, &bianchi(), at),
        SignerStanding::ToConfirm {
            names_the_ente: true
        }
    );
    assert_eq!(
        standing(&r, &rossi(), at),
        SignerStanding::ToConfirm {
            names_the_ente: false
        },
        "a certificate without organisation names no ente"
    );
    assert!(r.accept_signer(CASTELLEONE, COMUNE, &bianchi(), ACCEPTED, "PEC prot. 1402"));
    assert!(
        !r.accept_signer(CASTELLEONE, COMUNE, &bianchi(), ACCEPTED, "di nuovo"),
        "in office already"
    );
    // A file signed before the confirmation counts: confirming is about the person.
    for when in [at, Some("2026-01-01T00:00:00Z"), None] {
        assert_eq!(
            standing(&r, &bianchi(), when),
            SignerStanding::Known,
            "{when:?}"
        );
    }
    // Identified by codice fiscale, as a certificate writes it, whatever the name says.
    let same_person = signer("MARIA ROSA BIANCHI", "TINIT-bncmra70a41c153x", None);
    assert_eq!(standing(&r, &same_person, at), SignerStanding::Known);
    assert_eq!(
        r.signer_standing("019035", "Comune di Crema", &bianchi(), at),
        SignerStanding::ToConfirm {
            names_the_ente: false
        },
        "a signer is accepted per ente"
    );
    let kept = &r.enti[CASTELLEONE].firmatari[0];
    assert_eq!(
        (
            kept.codice_fiscale.as_str(),
            kept.nome_cognome.as_str(),
            kept.nota.as_str()
        ),
        ("BNCMRA70A41C153X", "MARIA BIANCHI", "PEC prot. 1402")
    );
    assert!(r.enti[CASTELLEONE].chiavi.is_empty());
}

#[test]
fn what_is_not_a_codice_fiscale_or_a_moment_is_refused() {
    let mut r = TrustRegistry::default();
    for cf in [
        "",
        "BNCMRA70A41C153",
        "BNCMRA70A41C153XX",
        "BNC MRA70A41C15X",
        "TINIT-123",
    ] {
        assert!(
            !r.accept_signer(CASTELLEONE, COMUNE, &signer("X", cf, None), ACCEPTED, ""),
            "{cf:?}"
        );
    }
    assert!(!r.accept_signer(CASTELLEONE, COMUNE, &bianchi(), "23/11/2026", ""));
    assert!(r.enti.is_empty());
    assert_eq!(
        normalised_codice_fiscale(" IT:rssmra80a01h501u ").as_deref(),
        Some("RSSMRA80A01H501U")
    );
    let odd = signer("X", "non-un-codice", Some(COMUNE));
    assert_eq!(
        standing(&r, &odd, None),
        SignerStanding::ToConfirm {
            names_the_ente: true
        }
    );
}

#[test]
fn the_organisation_names_the_ente_read_the_same_way() {
    for org in [
        "Comune di Castelleone",
        "COMUNE DI CASTELLEONE",
        "comune di  castelleone",
        "Comune di Castelleone (CR)",
        "Castelleone",
        "COMUNE CASTELLEONE",
    ] {
        assert!(organizzazione_names_ente(Some(org), COMUNE), "{org}");
    }
    for org in [
        "Comune di Castelleone Cremasco",
        "Regione Lombardia",
        "Comune di",
        "",
        "Unione dei Comuni di Castelleone",
    ] {
        assert!(!organizzazione_names_ente(Some(org), COMUNE), "{org}");
    }
    assert!(!organizzazione_names_ente(None, COMUNE));
    // Composed or not, accented or written the way upper-case certificates do.
    let decomposed = "Comune di Cane\u{300}";
    assert!(organizzazione_names_ente(
        Some(decomposed),
        "Comune di Canè"
    ));
    assert!(organizzazione_names_ente(
        Some("COMUNE DI CA' D'ANDREA"),
        "Comune di Cà d'Andrea"
    ));
    assert!(organizzazione_names_ente(
        Some("ALER BRESCIA - CREMONA - MANTOVA"),
        "ALER Brescia-Cremona-Mantova"
    ));
    assert!(organizzazione_names_ente(
        Some("Comune di Cassano d\u{2019}Adda"),
        "Comune di Cassano d'Adda"
    ));
}

#[test]
fn the_bulk_confirmation_takes_only_the_signers_whose_certificate_names_their_ente() {
    let mut r = TrustRegistry::default();
    let crema = signer("LUCA VERDI", "VRDLCU75B02D142K", Some("Comune di Crema"));
    let wrong_org = signer("ANNA NERI", "NRENNA60C43D142W", Some("Comune di Crema"));
    let (b, ro) = (bianchi(), rossi());
    let pending = [
        (CASTELLEONE, COMUNE, &b),
        (CASTELLEONE, COMUNE, &ro),
        ("019035", "Comune di Crema", &crema),
        (CASTELLEONE, COMUNE, &wrong_org),
        (CASTELLEONE, COMUNE, &b),
    ];
    assert_eq!(
        r.accept_signers_naming_their_ente(pending, ACCEPTED, "conferma in blocco"),
        2
    );
    let at = Some("2026-11-24T09:00:00Z");
    assert_eq!(standing(&r, &b, at), SignerStanding::Known);
    assert_eq!(
        r.signer_standing("019035", "Comune di Crema", &crema, at),
        SignerStanding::Known
    );
    assert!(matches!(
        standing(&r, &ro, at),
        SignerStanding::ToConfirm { .. }
    ));
    assert!(matches!(
        standing(&r, &wrong_org, at),
        SignerStanding::ToConfirm { .. }
    ));
    assert_eq!(r.enti[CASTELLEONE].firmatari.len(), 1, "accepted once");
}

#[test]
fn the_confirmation_reads_as_a_sentence() {
    assert_eq!(
        signs_for("MARIA BIANCHI", COMUNE),
        Bilingual::new(
            "MARIA BIANCHI firma per il Comune di Castelleone",
            "MARIA BIANCHI signs for the Comune di Castelleone"
        )
    );
    assert_eq!(
        signs_for("LUCA VERDI", "ALER Brescia-Cremona-Mantova").it,
        "LUCA VERDI firma per l'ALER Brescia-Cremona-Mantova"
    );
}

#[test]
fn a_replaced_signer_counts_before_the_change_and_the_new_one_from_any_time() {
    let mut r = TrustRegistry::default();
    r.accept_signer(CASTELLEONE, COMUNE, &bianchi(), ACCEPTED, "PEC");
    let when = "2027-01-10T00:00:00Z";
    assert!(!r.replace_signer(CASTELLEONE, "BNCMRA70A41C153X", &rossi(), when, " "));
    assert!(!r.replace_signer(CASTELLEONE, "BNCMRA70A41C153X", &rossi(), "domani", "x"));
    assert!(
        !r.replace_signer(CASTELLEONE, "RSSMRA80A01H501U", &bianchi(), when, "x"),
        "not in office"
    );
    assert!(
        !r.replace_signer("019035", "BNCMRA70A41C153X", &rossi(), when, "x"),
        "another ente"
    );
    assert!(!r.replace_signer(CASTELLEONE, "BNCMRA70A41C153X", &bianchi(), when, "x"));
    assert!(r.replace_signer(
        CASTELLEONE,
        "bncmra70a41c153x",
        &rossi(),
        when,
        "nuova responsabile"
    ));
    let replaced = Retirement {
        dal: when.into(),
        come: RetirementKind::Sostituita,
        motivo: "nuova responsabile".into(),
    };
    assert_eq!(
        standing(&r, &bianchi(), Some("2027-01-09T23:59:59Z")),
        SignerStanding::Known
    );
    for after in [Some(when), Some("2027-02-01T00:00:00Z"), None, Some("ieri")] {
        assert_eq!(
            standing(&r, &bianchi(), after),
            SignerStanding::Retired(replaced.clone()),
            "{after:?}"
        );
    }
    assert_eq!(standing(&r, &rossi(), Some(when)), SignerStanding::Known);
    let signers = &r.enti[CASTELLEONE].firmatari;
    assert_eq!(signers.len(), 2, "kept as history");
    assert_eq!(signers[1].nota, "nuova responsabile");
    assert!(
        !r.replace_signer(CASTELLEONE, "BNCMRA70A41C153X", &rossi(), when, "x"),
        "replaced already"
    );
}

#[test]
fn a_revoked_signer_stops_counting_from_its_date_and_may_come_back_only_from_a_new_acceptance() {
    let mut r = TrustRegistry::default();
    r.accept_signer(CASTELLEONE, COMUNE, &bianchi(), ACCEPTED, "PEC");
    let from = "2026-12-01T00:00:00Z";
    assert!(!r.revoke_signer(CASTELLEONE, "BNCMRA70A41C153X", from, ""));
    assert!(!r.revoke_signer(CASTELLEONE, "BNCMRA70A41C153X", "01/12/2026", "x"));
    assert!(!r.revoke_signer(CASTELLEONE, "RSSMRA80A01H501U", from, "x"));
    assert!(r.revoke_signer(
        CASTELLEONE,
        "TINIT-BNCMRA70A41C153X",
        from,
        "smart card rubata"
    ));
    assert!(
        !r.revoke_signer(CASTELLEONE, "BNCMRA70A41C153X", from, "x"),
        "revoked already"
    );
    let revoked = Retirement {
        dal: from.into(),
        come: RetirementKind::Revocata,
        motivo: "smart card rubata".into(),
    };
    assert_eq!(
        standing(&r, &bianchi(), Some("2026-11-30T23:59:59Z")),
        SignerStanding::Known
    );
    assert_eq!(
        standing(&r, &bianchi(), Some("2026-12-15T10:00:00Z")),
        SignerStanding::Retired(revoked.clone())
    );
    // The office confirms her again with a new card: from then on, not in the gap.
    let again = "2027-01-15T00:00:00Z";
    assert!(r.accept_signer(
        CASTELLEONE,
        COMUNE,
        &bianchi(),
        again,
        "nuova smart card, PEC prot. 22"
    ));
    assert_eq!(
        standing(&r, &bianchi(), Some("2026-12-15T10:00:00Z")),
        SignerStanding::Retired(revoked.clone()),
        "signed while revoked"
    );
    assert_eq!(
        standing(&r, &bianchi(), Some("2026-11-30T10:00:00Z")),
        SignerStanding::Known
    );
    assert_eq!(
        standing(&r, &bianchi(), Some("2027-01-20T10:00:00Z")),
        SignerStanding::Known
    );
    assert_eq!(
        standing(&r, &bianchi(), None),
        SignerStanding::Retired(revoked)
    );
    // A replaced signer found to have misused the card earlier: revoked from then.
    r.accept_signer(CASTELLEONE, COMUNE, &rossi(), ACCEPTED, "PEC");
    let leo = signer("LEO GIALLI", "GLLLEO85D04D142P", None);
    assert!(r.replace_signer(
        CASTELLEONE,
        "RSSMRA80A01H501U",
        &leo,
        "2027-03-01T00:00:00Z",
        "pensione"
    ));
    assert!(r.revoke_signer(
        CASTELLEONE,
        "RSSMRA80A01H501U",
        "2027-02-01T00:00:00Z",
        "firma non autorizzata"
    ));
    assert!(matches!(
        standing(&r, &rossi(), Some("2027-02-10T00:00:00Z")),
        SignerStanding::Retired(Retirement {
            come: RetirementKind::Revocata,
            ..
        })
    ));
}

#[test]
fn a_version_3_registry_round_trips_with_keys_and_signers() {
    let mut r = TrustRegistry::default();
    let key = crate::signing::multikey::public_key_multibase(
        &crate::demo::fixture_key(CASTELLEONE).verifying_key(),
    );
    r.accept(CASTELLEONE, COMUNE, &key, ACCEPTED, "PEC");
    r.accept_signer(CASTELLEONE, COMUNE, &bianchi(), ACCEPTED, "PEC prot. 1402");
    r.replace_signer(
        CASTELLEONE,
        "BNCMRA70A41C153X",
        &rossi(),
        "2027-01-10T00:00:00Z",
        "nuovo",
    );
    r.accept_signer(
        "019035",
        "Comune di Crema",
        &bianchi(),
        ACCEPTED,
        "anche per Crema",
    );
    r.revoke_signer(
        "019035",
        "BNCMRA70A41C153X",
        "2027-02-01T00:00:00Z",
        "non più delegata",
    );
    let text = r.to_json();
    assert!(text.contains("\"versione\": 3") && text.contains("\"firmatari\""));
    assert!(text.contains("\"ritirato\"") && text.contains("\"come\": \"revocata\""));
    let back = TrustRegistry::from_json(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.to_json(), text, "same registry, same bytes");
    assert_eq!(TrustRegistry::from_json(&r.to_file_json()).unwrap(), r);
    // An ente with signers and no key is kept when demo keys are dropped.
    assert_eq!(back.without_demo_keys().enti["019035"].firmatari.len(), 1);
    // The fuzz target's seed of a version 3 registry is one this app reads.
    let seed = TrustRegistry::from_json(include_str!(
        "../../../../../../fuzz/corpus/trust_registry/versione-3-firmatari.json"
    ))
    .unwrap();
    assert_eq!(
        seed.signer_standing(CASTELLEONE, COMUNE, &rossi(), Some("2027-02-01T00:00:00Z")),
        SignerStanding::Known
    );
    assert!(matches!(
        seed.signer_standing(
            CASTELLEONE,
            COMUNE,
            &bianchi(),
            Some("2027-02-01T00:00:00Z")
        ),
        SignerStanding::Retired(_)
    ));
}

#[test]
fn a_registry_file_with_bad_signers_is_refused_saying_which() {
    let mut r = TrustRegistry::default();
    r.accept_signer(CASTELLEONE, COMUNE, &bianchi(), ACCEPTED, "PEC");
    r.revoke_signer(CASTELLEONE, "BNCMRA70A41C153X", "2027-02-01T00:00:00Z", "x");
    let text = r.to_json();
    let refused = |t: String| TrustRegistry::from_json(&t).unwrap_err();
    let err = refused(text.replace("\"versione\": 3", "\"versione\": 2"));
    assert!(err.it.contains("non può avere firmatari"), "{err}");
    assert!(err.en.contains("cannot have signers"), "{}", err.en);
    let err = refused(text.replace("BNCMRA70A41C153X", "bncmra70a41c153x"));
    assert!(
        err.it.contains("firmatario bncmra70a41c153x") && err.it.contains("16 lettere"),
        "{err}"
    );
    assert!(refused(text.replace("MARIA BIANCHI", " "))
        .it
        .contains("nome e cognome"));
    assert!(refused(text.replace(ACCEPTED, "ieri"))
        .it
        .contains("accettazione"));
    let err = refused(text.replace("\"motivo\": \"x\"", "\"motivo\": \"\""));
    assert!(
        err.it
            .contains("firmatario BNCMRA70A41C153X: manca il motivo"),
        "{err}"
    );
    assert!(refused(text.replace("\"nota\"", "\"note\""))
        .it
        .contains("unknown field"));
    // The same person in office twice is not a registry this app wrote.
    let mut twice = r.clone();
    twice.enti.get_mut(CASTELLEONE).unwrap().firmatari[0].ritirato = None;
    let first = twice.enti[CASTELLEONE].firmatari[0].clone();
    twice
        .enti
        .get_mut(CASTELLEONE)
        .unwrap()
        .firmatari
        .push(first);
    assert!(refused(twice.to_json()).it.contains("due volte"));
}

#[test]
fn version_1_and_2_registries_read_as_version_3_without_signers() {
    let key = crate::signing::multikey::public_key_multibase(
        &crate::demo::fixture_key(CASTELLEONE).verifying_key(),
    );
    for version in 1..=2 {
        let text = format!(
            r#"{{"formato": "offerta-abitativa/registro-chiavi", "versione": {version},
                "enti": {{"019025": {{"nome": "Comune di Castelleone", "chiavi": [
                  {{"chiave_pubblica": "{key}", "impronta": "{}",
                    "accettata_il": "2026-11-23T05:20:00Z", "nota": "PEC"}}]}}}}}}"#,
            crate::signing::fingerprint(&key)
        );
        let r = TrustRegistry::from_json(&text).unwrap();
        assert_eq!(r.versione, REGISTRY_FORMAT_VERSION);
        let ente = &r.enti[CASTELLEONE];
        assert!(ente.firmatari.is_empty());
        assert!(ente.chiavi.iter().all(TrustedKey::is_active));
        assert!(matches!(
            standing(&r, &bianchi(), None),
            SignerStanding::ToConfirm {
                names_the_ente: true
            }
        ));
    }
    // The registries kept in the repository as the earlier versions wrote them.
    for (name, text) in [
        (
            "tests/corpus/registro.json",
            include_str!("../../../../../../tests/corpus/registro.json"),
        ),
        (
            "fuzz/corpus/trust_registry/versione-1.json",
            include_str!("../../../../../../fuzz/corpus/trust_registry/versione-1.json"),
        ),
        (
            "fuzz/corpus/trust_registry/registro-con-revoca.json",
            include_str!("../../../../../../fuzz/corpus/trust_registry/registro-con-revoca.json"),
        ),
    ] {
        let r = TrustRegistry::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(r.enti.values().all(|e| e.firmatari.is_empty()), "{name}");
        assert!(r.to_json().contains("\"versione\": 3"), "{name}");
    }
}
