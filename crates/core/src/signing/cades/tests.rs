//! Every case of tests/cades/ (made by tests/cades/make.sh, described in its README) and the
//! real Italian files of tests/cades/reali/.

use super::*;
use crate::signing::qualified::QualifiedSigner;

/// After every fixture's signing time and inside every test certificate's validity.
const NOW: &str = "2030-01-01T00:00:00Z";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/cades/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn anchor(name: &str) -> TrustAnchor {
    anchor_from_file(&fixture(name), name).expect("an anchor certificate")
}

fn test_root() -> Vec<TrustAnchor> {
    vec![anchor("root-ca.pem")]
}

fn verify(name: &str) -> Result<QualifiedSignature, CadesError> {
    verify_p7m(&fixture(name), &test_root(), NOW)
}

fn rossi() -> QualifiedSigner {
    QualifiedSigner {
        nome_cognome: "MARIO ROSSI".into(),
        codice_fiscale: "RSSMRA80A01H501U".into(),
        organizzazione: Some("Comune di Castelleone".into()),
        certificatore: "Offerta Test Trust Service".into(),
        certificato_sha256: String::new(),
    }
}

fn without_hash(mut signer: QualifiedSigner) -> QualifiedSigner {
    assert_eq!(signer.certificato_sha256.len(), 64);
    signer.certificato_sha256.clear();
    signer
}

#[test]
fn a_good_rsa_signature_names_the_signer_and_gives_the_content() {
    let signature = verify("buona-rsa.json.p7m").unwrap();
    assert_eq!(without_hash(signature.signer.clone()), rossi());
    assert_eq!(signature.content, fixture("scheda.json"));
    let time = signature
        .signing_time
        .expect("openssl writes a signing time");
    assert!(rfc3339_instant(&time).is_some(), "{time}");
    assert!(signature.other_signers.is_empty());
}

#[test]
fn ecdsa_p256_and_p384_and_rsa_pss_signatures_verify() {
    let bianchi = verify("buona-ecdsa-p256.json.p7m").unwrap().signer;
    assert_eq!(bianchi.nome_cognome, "GIULIA BIANCHI");
    assert_eq!(bianchi.codice_fiscale, "BNCGLI85C41D150X", "IT: prefix");
    assert_eq!(bianchi.organizzazione, None);
    let verdi = verify("buona-ecdsa-p384.json.p7m").unwrap().signer;
    assert_eq!(
        verdi.nome_cognome, "LUCA VERDI",
        "from the CN «LUCA VERDI/CF»"
    );
    assert_eq!(verdi.codice_fiscale, "VRDLCU70M12D150B");
    assert_eq!(
        verify("rsa-pss.json.p7m").unwrap().signer.nome_cognome,
        "MARIO ROSSI"
    );
}

#[test]
fn base64_and_pem_text_read_as_the_der() {
    let der = verify("buona-rsa.json.p7m").unwrap();
    assert_eq!(verify("base64.json.p7m").unwrap(), der);
    assert_eq!(verify("pem.json.p7m").unwrap().content, der.content);
    assert!(looks_like_p7m(&fixture("base64.json.p7m")));
    assert!(looks_like_p7m(&fixture("pem.json.p7m")));
    assert!(looks_like_p7m(&fixture("buona-rsa.json.p7m")));
    assert!(!looks_like_p7m(&fixture("scheda.json")));
    assert!(!looks_like_p7m(b"MIIxxxx not base64 at all"));
}

#[test]
fn two_signers_are_both_verified_and_both_named() {
    let signature = verify("due-firmatari.json.p7m").unwrap();
    let mut names: Vec<String> = std::iter::once(&signature.signer)
        .chain(&signature.other_signers)
        .map(|s| s.nome_cognome.clone())
        .collect();
    names.sort();
    assert_eq!(names, ["GIULIA BIANCHI", "MARIO ROSSI"]);
}

#[test]
fn each_bad_file_is_refused_for_its_own_reason() {
    let cases: [(&str, &str); 9] = [
        ("staccata.json.p7m", "p7m-staccata"),
        ("alterata.json.p7m", "p7m-alterato"),
        ("sha1.json.p7m", "p7m-algoritmo-debole"),
        ("scaduta.json.p7m", "p7m-scaduto"),
        ("non-ancora-valida.json.p7m", "p7m-non-ancora-valido"),
        ("non-qualificata.json.p7m", "p7m-non-qualificato"),
        ("senza-non-ripudio.json.p7m", "p7m-uso-chiave"),
        ("ca-non-fidata.json.p7m", "p7m-ca-non-fidata"),
        ("scheda.json", "p7m-illeggibile"),
    ];
    for (name, code) in cases {
        let error = verify(name).expect_err(name);
        assert_eq!(error.code(), code, "{name}: {error}");
        let message = error.message();
        assert!(!message.plain.it.is_empty() && !message.plain.en.is_empty());
        assert_ne!(message.plain.it, message.plain.en, "{name}");
    }
}

#[test]
fn the_messages_say_the_reason_in_plain_words_and_keep_the_detail_apart() {
    let expired = verify("scaduta.json.p7m").unwrap_err().message();
    assert_eq!(
        expired.plain.it,
        "il certificato era scaduto alla data della firma: chiedere all'ente di firmare di nuovo con un certificato di firma digitale valido"
    );
    let detail = expired.technical.unwrap();
    assert!(
        detail.it.contains("valido fino a 2021-12-31T23:59:59Z"),
        "{}",
        detail.it
    );
    let untrusted = verify("ca-non-fidata.json.p7m").unwrap_err().message();
    assert!(untrusted
        .technical
        .unwrap()
        .it
        .contains("Altra CA Non Fidata"));
    let weak = verify("sha1.json.p7m").unwrap_err().message();
    assert!(weak.plain.it.contains("SHA-1"), "{}", weak.plain.it);
    let detached = verify("staccata.json.p7m").unwrap_err().message();
    assert!(
        detached.plain.it.contains("staccata"),
        "{}",
        detached.plain.it
    );
}

#[test]
fn an_untrusted_ca_given_as_anchor_is_trusted_and_no_anchor_trusts_nothing() {
    let mut anchors = test_root();
    anchors.push(anchor("altra-ca.der"));
    let signature = verify_p7m(&fixture("ca-non-fidata.json.p7m"), &anchors, NOW).unwrap();
    assert_eq!(signature.signer.certificatore, "Altra CA Test");
    let error = verify_p7m(&fixture("buona-rsa.json.p7m"), &[], NOW).unwrap_err();
    assert_eq!(error.code(), "p7m-ca-non-fidata");
}

/// Issue #29: a signing time ahead of the verifier's clock is not the signature's fault (the
/// signer's PC clock, or the verifier's, may be wrong): the file is verified, its certificate
/// judged at the signing time it claims, and the intake holds it as «data da confermare» like
/// an app-signed file (`intake::p7m_tests`).
#[test]
fn a_signing_time_ahead_of_now_is_verified_at_the_time_it_claims() {
    let signature = verify_p7m(
        &fixture("buona-rsa.json.p7m"),
        &test_root(),
        "2020-01-01T00:00:00Z",
    )
    .unwrap();
    assert!(
        signature.signing_time.as_deref().unwrap() > "2026-",
        "{:?}",
        signature.signing_time
    );
    // Still judged at the time claimed: a certificate not yet valid then stays refused.
    let error = verify_p7m(
        &fixture("non-ancora-valida.json.p7m"),
        &test_root(),
        "2020-01-01T00:00:00Z",
    )
    .unwrap_err();
    assert_eq!(error.code(), "p7m-non-ancora-valido", "{error}");
}

#[test]
fn garbage_is_not_a_p7m_and_never_panics() {
    let good = fixture("buona-rsa.json.p7m");
    for cut in [0, 1, 10, 100, good.len() / 2, good.len() - 1] {
        assert!(
            verify_p7m(&good[..cut], &test_root(), NOW).is_err(),
            "cut at {cut}"
        );
    }
    for bad in [
        &b""[..],
        b"{}",
        b"-----BEGIN PKCS7-----\n!!\n-----END PKCS7-----",
        &[0x30, 0x80],
    ] {
        assert_eq!(
            verify_p7m(bad, &test_root(), NOW).unwrap_err().code(),
            "p7m-illeggibile"
        );
    }
}

// Real files signed with Italian qualified certificates (tests/cades/reali/README.md).

#[test]
fn a_real_aruba_signature_verifies_against_its_real_ca_and_only_then() {
    let file = fixture("reali/cavor.xml.p7m");
    let error = verify_p7m(&file, &test_root(), NOW).unwrap_err();
    assert_eq!(error.code(), "p7m-ca-non-fidata", "{error}");
    assert!(
        error
            .message()
            .italian()
            .contains("ArubaPEC S.p.A. NG CA 3"),
        "{error}"
    );
    let named = signers_named(&file).unwrap();
    assert_eq!(named.len(), 1);
    let aruba = anchor("reali/arubapec-ng-ca3.cer");
    let signature = verify_p7m(&file, &[aruba], NOW).unwrap();
    assert_eq!(signature.signer, named[0]);
    let signer = &signature.signer;
    assert_eq!(signer.nome_cognome, "NUNZIO CARACI");
    assert_eq!(signer.codice_fiscale, "CRCNNZ50T08B202M", "TINIT- prefix");
    assert_eq!(
        signer.organizzazione.as_deref(),
        Some("DATALOG ITALIA S.R.L.")
    );
    assert_eq!(signer.certificatore, "ArubaPEC S.p.A.");
    assert_eq!(
        signature.signing_time.as_deref(),
        Some("2020-03-18T15:07:20Z")
    );
    assert!(signature.content.starts_with(b"<?xml"));
}

#[test]
fn a_real_ber_cades_bes_is_read_and_its_1024_bit_key_refused() {
    let file = fixture("reali/cades_bes.xml.p7m");
    let named = signers_named(&file).unwrap();
    assert_eq!(named[0].nome_cognome, "CRISTIANO CASAGNI");
    assert_eq!(named[0].codice_fiscale, "CSGCST68S19E472X", "IT: prefix");
    assert_eq!(named[0].certificatore, "Postecom S.p.A.");
    let postecert = anchor("reali/cades_bes.pdf.p7m-postecert-ca.cer");
    let error = verify_p7m(&file, &[postecert], NOW).unwrap_err();
    assert_eq!(error.code(), "p7m-algoritmo-debole", "{error}");
    assert!(
        error.message().plain.it.contains("RSA < 2048 bit"),
        "{error}"
    );
}

#[test]
fn real_files_with_md5_or_sha1_are_refused_as_weak() {
    for name in ["reali/p7m_md5.pdf.p7m", "reali/p7m_b64.xml.p7m"] {
        let error = verify_p7m(&fixture(name), &test_root(), NOW).unwrap_err();
        assert_eq!(error.code(), "p7m-algoritmo-debole", "{name}: {error}");
    }
    let md5 = signers_named(&fixture("reali/p7m_md5.pdf.p7m")).unwrap();
    assert_eq!(
        md5[0].codice_fiscale, "BNCFBA83R06F205N",
        "from the CN «CF/…»"
    );
}

#[test]
fn the_signature_is_described_in_one_sentence_naming_every_signer() {
    let one = verify("buona-rsa.json.p7m").unwrap().described();
    assert_eq!(
        one.it,
        "Firma digitale di MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato \
         qualificato di Offerta Test Trust Service, valido alla data della firma; revoca non \
         controllata (nessuna lista di revoca caricata per Offerta Test Trust Service)"
    );
    assert!(
        one.en.starts_with("Digital signature of MARIO ROSSI"),
        "{}",
        one.en
    );
    let two = verify("due-firmatari.json.p7m").unwrap().described();
    assert!(two.it.contains("; e di "), "{}", two.it);
    let mut nameless = verify("buona-rsa.json.p7m").unwrap();
    nameless.signer.nome_cognome.clear();
    nameless.signing_time = None;
    let nameless = nameless.described();
    assert!(
        nameless
            .it
            .starts_with("Firma digitale del titolare (codice fiscale RSSMRA80A01H501U)"),
        "{}",
        nameless.it
    );
    assert!(
        nameless
            .it
            .contains("valido oggi (la firma non indica la sua data); revoca non controllata"),
        "{}",
        nameless.it
    );
}

/// Every fixture, with and without anchors: the intake accepts a file exactly when opening
/// it finds every signer intact and trusted, and refuses it for the first problem opening met.
#[test]
fn opening_and_verifying_agree_on_every_fixture() {
    let names = std::fs::read_dir(format!("{}/../../tests/cades", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .chain(
            std::fs::read_dir(format!(
                "{}/../../tests/cades/reali",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".p7m"))
        .collect::<Vec<_>>();
    assert!(names.len() >= 18, "{}", names.len());
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        for anchors in [test_root(), Vec::new()] {
            let verified = verify_p7m(&bytes, &anchors, NOW);
            let Ok(opened) = open_p7m(&bytes, &anchors, NOW) else {
                assert!(verified.is_err(), "{}", path.display());
                continue;
            };
            let first_problem = opened.signers.iter().find_map(|s| {
                s.integrity.clone().err().or(match &s.trust {
                    Trust::Trusted => None,
                    Trust::NotChecked { issuer } | Trust::Untrusted { issuer } => {
                        Some(CadesError::UntrustedCa {
                            issuer: issuer.clone(),
                        })
                    }
                    Trust::CertificateProblem(e) => Some(e.clone()),
                })
            });
            assert_eq!(verified.err(), first_problem, "{}", path.display());
        }
    }
}

#[test]
fn without_anchors_a_good_file_is_intact_and_its_trust_not_checked() {
    let opened = open_p7m(&fixture("buona-rsa.json.p7m"), &[], NOW).unwrap();
    assert!(opened.intact());
    assert_eq!(opened.content, fixture("scheda.json"));
    let [one] = &opened.signers[..] else {
        panic!("{opened:?}")
    };
    assert_eq!(without_hash(one.signer.clone().unwrap()), rossi());
    assert!(one.signing_time.is_some());
    assert_eq!(
        one.trust,
        Trust::NotChecked {
            issuer: "Offerta Test Root CA".into()
        }
    );
    let said = one.trust.described();
    assert!(said
        .plain
        .it
        .starts_with("Certificato non verificato con l'elenco di fiducia"));
    assert!(said
        .plain
        .en
        .starts_with("Certificate not checked against the trusted list"));
    assert!(one
        .integrity_described()
        .plain
        .it
        .starts_with("Firma integra"));
    // The same file with the test root as anchor: trusted.
    let opened = open_p7m(&fixture("buona-rsa.json.p7m"), &test_root(), NOW).unwrap();
    assert_eq!(opened.signers[0].trust, Trust::Trusted);
    // Another root given: untrusted, which is not the same as not checked.
    let other = vec![anchor("altra-ca.der")];
    let opened = open_p7m(&fixture("buona-rsa.json.p7m"), &other, NOW).unwrap();
    assert!(matches!(opened.signers[0].trust, Trust::Untrusted { .. }));
}

#[test]
fn an_altered_file_still_names_its_signer_and_says_it_was_altered() {
    let opened = open_p7m(&fixture("alterata.json.p7m"), &[], NOW).unwrap();
    assert!(!opened.intact());
    let one = &opened.signers[0];
    assert_eq!(one.integrity, Err(CadesError::AlteredContent));
    assert_eq!(one.signer.as_ref().unwrap().nome_cognome, "MARIO ROSSI");
    assert!(one.signing_time.is_some());
    // The certificate is fine: altered is a matter of integrity, not of trust.
    assert!(matches!(one.trust, Trust::NotChecked { .. }));
    assert!(one
        .integrity_described()
        .plain
        .it
        .contains("alterato dopo la firma"));
}

#[test]
fn a_certificate_problem_shows_without_anchors_and_integrity_still_holds() {
    for (name, code) in [
        ("scaduta.json.p7m", "p7m-scaduto"),
        ("non-qualificata.json.p7m", "p7m-non-qualificato"),
        ("senza-non-ripudio.json.p7m", "p7m-uso-chiave"),
    ] {
        let opened = open_p7m(&fixture(name), &[], NOW).unwrap();
        assert!(opened.intact(), "{name}");
        match &opened.signers[0].trust {
            Trust::CertificateProblem(e) => assert_eq!(e.code(), code, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    let two = open_p7m(&fixture("due-firmatari.json.p7m"), &[], NOW).unwrap();
    assert_eq!(two.signers.len(), 2);
    assert!(two.intact());
    // A file that is no envelope with content is an error, as for the intake.
    for (name, code) in [
        ("staccata.json.p7m", "p7m-staccata"),
        ("scheda.json", "p7m-illeggibile"),
    ] {
        assert_eq!(open_p7m(&fixture(name), &[], NOW).unwrap_err().code(), code);
    }
}
