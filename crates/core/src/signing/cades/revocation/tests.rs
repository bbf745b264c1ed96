//! Every case of tests/cades/revoca/ (made by tests/cades/revocation.sh, described in
//! tests/cades/README.md): a .p7m of MARIO ROSSI checked against each revocation list.

use super::*;
use crate::signing::cades::{anchor_from_file, verify_p7m, verify_p7m_with_lists};
use crate::signing::qualified::{QualifiedSignature, TrustAnchor};

/// Inside every current list's validity (2026-12-01 to 2035-12-31), after the signing time.
const NOW: &str = "2030-01-01T00:00:00Z";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/cades/revoca/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn root() -> Vec<TrustAnchor> {
    vec![anchor_from_file(&fixture("root-ca.pem"), "root-ca.pem").unwrap()]
}

fn list(name: &str) -> RevocationList {
    read_crl(&fixture(name), name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn verify_with(names: &[&str], now: &str) -> Result<QualifiedSignature, CadesError> {
    let lists: Vec<RevocationList> = names.iter().map(|n| list(n)).collect();
    verify_p7m_with_lists(&fixture("firmata.json.p7m"), &root(), &lists, now)
}

fn signer_revocation(names: &[&str]) -> Revocation {
    let signature = verify_with(names, NOW).expect("not refused");
    assert_eq!(signature.revocation.len(), 1);
    signature.revocation[0].clone()
}

const CA: &str = "Offerta Test Revoca Trust Service";

#[test]
fn without_lists_the_signature_holds_and_says_revocation_was_not_checked() {
    let signature = verify_p7m(&fixture("firmata.json.p7m"), &root(), NOW).unwrap();
    assert_eq!(
        signature.revocation,
        vec![Revocation::NotChecked {
            certificatore: CA.into(),
            why: Unchecked::NoList
        }]
    );
    let described = signature.described();
    assert!(
        described.it.contains(&format!(
            "revoca non controllata (nessuna lista di revoca caricata per {CA})"
        )),
        "{}",
        described.it
    );
    assert!(
        described.en.contains("revocation not checked"),
        "{}",
        described.en
    );
}

#[test]
fn a_current_list_naming_the_signer_refuses_the_file_with_the_dates() {
    for name in ["revocato.crl", "revocato.pem.crl"] {
        let error = verify_with(&[name], NOW).unwrap_err();
        let CadesError::Revoked {
            holder,
            suspended,
            certificatore,
            list_of,
            ..
        } = &error
        else {
            panic!("{name}: {error:?}");
        };
        assert_eq!(holder, &Holder::Signer("MARIO ROSSI".into()));
        assert!(!suspended);
        assert_eq!(certificatore, CA);
        assert_eq!(list_of, "2026-12-01T00:00:00Z");
        let words = error.message().plain;
        assert!(
            words
                .it
                .starts_with("il certificato di firma di MARIO ROSSI è stato revocato il "),
            "{}",
            words.it
        );
        assert!(
            words.it.ends_with(&format!(
                "(lista di revoca di {CA} del 01/12/2026): la firma non vale; chiedere all'ente di firmare di nuovo con un certificato di firma digitale valido"
            )),
            "{}",
            words.it
        );
        assert!(words.en.contains("was revoked on"), "{}", words.en);
        assert_eq!(error.code(), "p7m-revocato");
    }
}

#[test]
fn a_current_list_not_naming_the_signer_says_not_revoked_and_its_date() {
    assert_eq!(
        signer_revocation(&["non-revocato.crl"]),
        Revocation::NotRevoked {
            certificatore: CA.into(),
            list_of: "2026-12-01T00:00:00Z".into()
        }
    );
    let described = verify_with(&["non-revocato.crl"], NOW).unwrap().described();
    assert!(
        described.it.contains(&format!(
            "non revocato secondo la lista di revoca di {CA} del 01/12/2026"
        )),
        "{}",
        described.it
    );
}

#[test]
fn an_out_of_date_list_is_said_out_of_date_not_used() {
    assert_eq!(
        signer_revocation(&["scaduta.crl"]),
        Revocation::NotChecked {
            certificatore: CA.into(),
            why: Unchecked::Stale {
                next_update: Some("2025-02-01T00:00:00Z".into())
            }
        }
    );
    // The revoking list before its thisUpdate: not yet current, not used.
    let before = verify_with(&["revocato.crl"], "2026-11-30T00:00:00Z");
    // The signer's file is dated after that moment too: its signing time is ahead of the
    // clock, which the verifier does not refuse (the intake holds it as «data da
    // confermare»); the list is not used, and said so.
    let revocation = before.unwrap().revocation;
    assert!(
        matches!(
            &revocation[..],
            [Revocation::NotChecked {
                why: Unchecked::NotYetCurrent { .. },
                ..
            }]
        ),
        "{revocation:?}"
    );
    assert!(signer_revocation(&["scaduta.crl"])
        .described()
        .it
        .contains("scaduta il 01/02/2025"),);
}

#[test]
fn a_list_under_the_issuers_name_but_another_key_or_altered_is_not_used() {
    for name in ["altra-chiave.crl", "alterata.crl"] {
        assert_eq!(
            signer_revocation(&[name]),
            Revocation::NotChecked {
                certificatore: CA.into(),
                why: Unchecked::NotSignedByIssuer
            },
            "{name}"
        );
    }
    // Beside the good list the good one is named.
    assert_eq!(
        signer_revocation(&["altra-chiave.crl", "non-revocato.crl"]),
        Revocation::NotRevoked {
            certificatore: CA.into(),
            list_of: "2026-12-01T00:00:00Z".into()
        }
    );
}

#[test]
fn another_cas_list_says_nothing_of_the_signer() {
    assert_eq!(
        signer_revocation(&["altro-certificatore.crl"]),
        Revocation::NotChecked {
            certificatore: CA.into(),
            why: Unchecked::NoList
        }
    );
}

#[test]
fn a_list_of_the_root_revoking_the_signers_ca_refuses_the_file() {
    let error = verify_with(&["ca-revocata.crl", "non-revocato.crl"], NOW).unwrap_err();
    let CadesError::Revoked { holder, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        holder,
        &Holder::Ca("Offerta Test Revoca Qualified CA".into())
    );
    assert!(
        error
            .message()
            .plain
            .it
            .starts_with("il certificato del certificatore Offerta Test Revoca Qualified CA"),
        "{}",
        error.message().plain.it
    );
}

#[test]
fn garbage_delta_and_oversized_files_are_refused_in_plain_words() {
    assert!(matches!(
        read_crl(&fixture("non-crl.crl"), "x"),
        Err(CrlError::NotCrl(_))
    ));
    assert_eq!(read_crl(&fixture("delta.crl"), "x"), Err(CrlError::Delta));
    let huge = vec![0x30; MAX_CRL_BYTES + 1];
    assert_eq!(
        read_crl(&huge, "x"),
        Err(CrlError::TooLarge(MAX_CRL_BYTES + 1))
    );
    // A certificate is not a list.
    assert!(read_crl(&fixture("root-ca.pem"), "x").is_err());
    // Every byte cut short is refused, never a panic.
    let good = fixture("revocato.crl");
    for end in 0..good.len() {
        assert!(read_crl(&good[..end], "x").is_err(), "{end}");
    }
    let words = CrlError::Delta.message().plain;
    assert!(words.it.contains("delta CRL") && words.en.contains("delta CRL"));
}

#[test]
fn a_list_is_summarised_for_the_panel() {
    let lists = [
        list("revocato.crl"),
        list("scaduta.crl"),
        list("altro-certificatore.crl"),
    ];
    let shown = summaries(&lists, &root(), NOW);
    assert_eq!(shown[0].certificatore, CA);
    assert_eq!(shown[0].revoked_count, 2);
    assert_eq!(shown[0].this_update, "2026-12-01T00:00:00Z");
    assert_eq!(
        shown[0].next_update.as_deref(),
        Some("2035-12-31T23:59:59Z")
    );
    assert!(shown[0].usable, "{:?}", shown[0].status);
    assert!(!shown[1].usable);
    assert!(
        shown[1].status.it.starts_with("scaduta"),
        "{:?}",
        shown[1].status
    );
    // The root's own list, issued by the anchor: its signature checked here.
    assert!(shown[2].usable);
    assert!(shown[2].status.it.starts_with("firma verificata"));
    let forged = summaries(&[list("altro-certificatore.crl")], &[], NOW);
    assert!(
        forged[0].usable,
        "without the anchor, verified against each file's chain"
    );
}
