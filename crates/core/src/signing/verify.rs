//! What a received file is: verified, checked against the trust registry, explained in Italian
//! (and in English, for a page shown in English).

use std::rc::Rc;

use ed25519_dalek::SigningKey;
use serde_json::Value;

use super::cades::CadesError;
use super::fingerprint;
use super::proof::{self, ProofError, CRYPTOSUITE, PROOF_PURPOSE, PROOF_TYPE};
use super::qualified::QualifiedSignature;
use super::trust::{KeyStatus, Retirement, RetirementKind, SignerStanding, TrustRegistry};
use crate::reader::{self, ReadError};
use crate::submission::Submission;
use crate::text::Bilingual;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Valid signature by a key the capofila registered for this ente.
    Trusted,
    /// Valid signature, but no key is registered for this ente yet.
    UnknownKey,
    /// Valid signature, but the ente has other registered keys (their fingerprints).
    KeyMismatch(Vec<String>),
    /// Valid signature by a key of the ente that was replaced or revoked before the file was
    /// signed (or the file has no date): it does not count.
    RetiredKey(Retirement),
    /// Valid signature by the ente's demo key (public knowledge): counts only in the demo.
    DemoKey,
    /// The signature does not hold: altered after signing, or not a proof we accept.
    Invalid(ProofError),
    /// A readable submission without signature: a draft.
    Unsigned,
    /// Not a readable submission at all.
    Unreadable(ReadError),
    /// A `.p7m` whose firma digitale holds (signature, qualified certificate, chain to a
    /// trust anchor), and what the registry says of its signer for the ente the content
    /// names: known (the file counts), to confirm, or replaced or revoked before signing.
    Qualified(Rc<QualifiedSignature>, SignerStanding),
    /// A `.p7m` whose firma digitale does not hold (untrusted CA, expired, altered…).
    QualifiedRefused(CadesError),
}

impl Outcome {
    /// Short stable code, for the CLI and for tests.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Trusted => "valida",
            Outcome::UnknownKey => "chiave-sconosciuta",
            Outcome::KeyMismatch(_) => "chiave-diversa",
            Outcome::RetiredKey(r) => match r.come {
                RetirementKind::Sostituita => "chiave-sostituita",
                RetirementKind::Revocata => "chiave-revocata",
            },
            Outcome::DemoKey => "chiave-dimostrativa",
            Outcome::Invalid(_) => "firma-non-valida",
            Outcome::Unsigned => "non-firmata",
            Outcome::Unreadable(_) => "illeggibile",
            Outcome::Qualified(_, standing) => match standing {
                SignerStanding::Known => "firma-digitale-valida",
                SignerStanding::ToConfirm { .. } => "firmatario-da-confermare",
                SignerStanding::Retired(r) => match r.come {
                    RetirementKind::Sostituita => "firmatario-sostituito",
                    RetirementKind::Revocata => "firmatario-revocato",
                },
            },
            Outcome::QualifiedRefused(_) => "firma-digitale-non-valida",
        }
    }

    /// Whether the file counts as the ente's on this signature alone: the app's key
    /// registered for the ente, or a firma digitale by a person accepted for it.
    pub fn signer_known(&self) -> bool {
        matches!(
            self,
            Outcome::Trusted | Outcome::Qualified(_, SignerStanding::Known)
        )
    }

    /// The signature itself holds (whoever signed).
    pub fn signature_valid(&self) -> bool {
        matches!(
            self,
            Outcome::Trusted
                | Outcome::UnknownKey
                | Outcome::KeyMismatch(_)
                | Outcome::RetiredKey(_)
                | Outcome::DemoKey
                | Outcome::Qualified(..)
        )
    }

    /// The explanation shown next to the file, saying what to do: in Italian (what the CLI
    /// prints and the signed aggregate records) and in English (for a page in English).
    pub fn message(&self) -> Bilingual {
        match self {
            Outcome::Qualified(signature, standing) => qualified_message(signature, standing),
            Outcome::QualifiedRefused(e) => {
                // The plain words end with what to do, which depends on the problem; an
                // unreadable file's do not (a comune opening its own file reads them too).
                let plain = e.message().plain;
                let (it, en) = match e {
                    CadesError::NotP7m(_) => (
                        " Chiedere all'ente di inviare di nuovo il file firmato.",
                        " Ask the ente to send the signed file again.",
                    ),
                    _ => ("", ""),
                };
                Bilingual::new(
                    format!("Firma digitale NON valida: {}.{it}", plain.it),
                    format!("Digital signature NOT valid: {}.{en}", plain.en),
                )
            }
            _ => Bilingual::new(self.message_it(), self.message_en()),
        }
    }

    fn message_it(&self) -> String {
        match self {
            Outcome::Trusted => "Firma valida, chiave registrata per questo ente.".into(),
            Outcome::UnknownKey => "Firma valida, ma la chiave non è ancora registrata per questo ente: confrontare l'impronta con quella comunicata dall'ente via PEC e, se coincide, accettarla.".into(),
            Outcome::KeyMismatch(known) => format!(
                "Firma valida, ma l'ente ha registrato un'altra chiave (impronta {}): il file potrebbe non venire dall'ente. Verificare con l'ente prima di accettare la nuova chiave.",
                known.join(", ")
            ),
            Outcome::RetiredKey(r) => match r.come {
                RetirementKind::Sostituita => format!(
                    "Firma valida, ma con una chiave sostituita dal {} (motivo: {}): il file non conta. Chiedere all'ente di firmare di nuovo con la chiave nuova.",
                    r.day(), r.motivo
                ),
                RetirementKind::Revocata => format!(
                    "Firma valida, ma con una chiave revocata dal {} (motivo: {}): il file non conta, perché potrebbe averlo firmato qualcun altro. Chiedere all'ente di firmare di nuovo con la chiave nuova.",
                    r.day(), r.motivo
                ),
            },
            Outcome::DemoKey => "Firma valida, ma fatta con una chiave dimostrativa, che chiunque può usare: vale solo nella dimostrazione dell'app, mai per un piano vero. Chiedere all'ente il file firmato con la propria chiave.".into(),
            Outcome::Invalid(ProofError::BadSignature) => "Firma NON valida: il file è stato modificato dopo la firma. Chiedere all'ente di inviarlo di nuovo.".into(),
            Outcome::Invalid(e) => format!("Firma NON valida: {e}. Chiedere all'ente di inviare di nuovo il file."),
            Outcome::Unsigned => "File non firmato (bozza): chiedere all'ente il file firmato.".into(),
            Outcome::Unreadable(e @ ReadError::KeyFile(_)) => {
                format!("{}.", crate::text::capitalise(&e.to_string()))
            }
            Outcome::Unreadable(e) => format!("File illeggibile: {e}."),
            Outcome::Qualified(..) | Outcome::QualifiedRefused(_) => self.message().it,
        }
    }

    fn message_en(&self) -> String {
        match self {
            Outcome::Trusted => "Valid signature, key registered for this ente.".into(),
            Outcome::UnknownKey => "Valid signature, but the key is not registered for this ente yet: compare its fingerprint with the one the ente sent by PEC and, if they match, accept it.".into(),
            Outcome::KeyMismatch(known) => format!(
                "Valid signature, but the ente registered another key (fingerprint {}): the file may not come from the ente. Check with the ente before accepting the new key.",
                known.join(", ")
            ),
            Outcome::RetiredKey(r) => match r.come {
                RetirementKind::Sostituita => format!(
                    "Valid signature, but with a key replaced from {} (reason: {}): the file does not count. Ask the ente to sign again with its new key.",
                    r.day(), r.motivo
                ),
                RetirementKind::Revocata => format!(
                    "Valid signature, but with a key revoked from {} (reason: {}): the file does not count, because someone else may have signed it. Ask the ente to sign again with its new key.",
                    r.day(), r.motivo
                ),
            },
            Outcome::DemoKey => "Valid signature, but made with a demo key that anybody can use: it holds only in the app's demo, never for a real plan. Ask the ente for the file signed with its own key.".into(),
            Outcome::Invalid(ProofError::BadSignature) => "Signature NOT valid: the file was changed after it was signed. Ask the ente to send it again.".into(),
            Outcome::Invalid(e) => format!("Signature NOT valid: {}. Ask the ente to send the file again.", proof_error_en(e)),
            Outcome::Unsigned => "File not signed (draft): ask the ente for the signed file.".into(),
            Outcome::Unreadable(e @ ReadError::KeyFile(_)) => {
                format!("{}.", crate::text::capitalise(&e.message_en()))
            }
            Outcome::Unreadable(e) => format!("Unreadable file: {}.", e.message_en()),
            Outcome::Qualified(..) | Outcome::QualifiedRefused(_) => self.message().en,
        }
    }
}

/// «Firma digitale di MARIO ROSSI (codice fiscale …), certificato qualificato di …, valido
/// alla data della firma», then what the registry says of the signer and what to do.
fn qualified_message(signature: &QualifiedSignature, standing: &SignerStanding) -> Bilingual {
    let described = signature.described();
    let (it, en) = match standing {
        SignerStanding::Known => (
            "firmatario registrato per questo ente.".to_owned(),
            "signer registered for this ente.".to_owned(),
        ),
        SignerStanding::ToConfirm { names_the_ente: true } => (
            "il certificato indica questo ente, ma la persona non è ancora registrata come firmatario: confermare che firma per l'ente.".to_owned(),
            "the certificate names this ente, but the person is not registered as a signer yet: confirm that they sign for the ente.".to_owned(),
        ),
        SignerStanding::ToConfirm { names_the_ente: false } => (
            "la persona non è ancora registrata come firmatario per questo ente: verificare con l'ente che firma per esso, poi confermarlo.".to_owned(),
            "the person is not registered as a signer for this ente yet: check with the ente that they sign for it, then confirm it.".to_owned(),
        ),
        SignerStanding::Retired(r) => {
            let (come_it, come_en) = match r.come {
                RetirementKind::Sostituita => ("sostituito", "replaced"),
                RetirementKind::Revocata => ("revocato", "revoked"),
            };
            (
                format!("ma il firmatario è stato {come_it} dal {} (motivo: {}): il file non conta. Chiedere all'ente di far firmare chi è ora in carica.", r.day(), r.motivo),
                format!("but the signer was {come_en} from {} (reason: {}): the file does not count. Ask the ente to have the person now in office sign it.", r.day(), r.motivo),
            )
        }
    };
    Bilingual::new(
        format!("{}; {it}", described.it),
        format!("{}; {en}", described.en),
    )
}

fn proof_error_en(e: &ProofError) -> String {
    match e {
        ProofError::Missing => "the file is not signed (draft)".into(),
        ProofError::Malformed(m) => format!("unreadable signature: {m}"),
        ProofError::UnsupportedType(t) => {
            format!("signature type «{t}» not supported (expected {PROOF_TYPE})")
        }
        ProofError::UnsupportedCryptosuite(c) => {
            format!("signature algorithm «{c}» not supported (expected {CRYPTOSUITE})")
        }
        ProofError::WrongPurpose(p) => {
            format!("signature purpose «{p}» not valid (expected {PROOF_PURPOSE})")
        }
        ProofError::BadVerificationMethod(m) => format!("invalid signing key: {m}"),
        ProofError::BadSignature => {
            "the signature does not match the content: the file was changed after it was signed"
                .into()
        }
        ProofError::BadCreated(c) => format!(
            "the signing date («{}») is not a date and time with its time zone (for example 2026-11-20T10:00:00Z), so when the file was signed is unknown",
            super::proof::shown_created(c)
        ),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedFile {
    pub outcome: Outcome,
    /// The submission, whenever the file could be read (also unsigned or badly signed).
    pub submission: Option<Submission>,
    /// The signing key (multibase) and its fingerprint, when the signature holds.
    pub public_key: Option<String>,
    pub fingerprint: Option<String>,
    /// `created` of the proof, or a `.p7m`'s signing time, when the signature holds: the
    /// newest signed file counts.
    pub signed_at: Option<String>,
}

impl VerifiedFile {
    fn failed(outcome: Outcome, submission: Option<Submission>) -> Self {
        VerifiedFile {
            outcome,
            submission,
            public_key: None,
            fingerprint: None,
            signed_at: None,
        }
    }
}

/// Reads, verifies and classifies one received file.
pub fn verify_file(text: &str, registry: &TrustRegistry) -> VerifiedFile {
    let value = match reader::parse_strict(text) {
        Ok(v) => v,
        Err(e) => return VerifiedFile::failed(Outcome::Unreadable(e), None),
    };
    let mut document = value.clone();
    let proof = document.as_object_mut().and_then(|o| o.remove("proof"));
    let submission = match reader::from_value(document) {
        Ok(s) => s,
        Err(e) => return VerifiedFile::failed(Outcome::Unreadable(e), None),
    };
    let Some(proof) = proof else {
        return VerifiedFile::failed(Outcome::Unsigned, Some(submission));
    };
    let key = match proof::verify_document(&value) {
        Ok((key, _)) => key,
        Err(e) => return VerifiedFile::failed(Outcome::Invalid(e), Some(submission)),
    };
    let ente_id = submission.ente.id();
    let signed_at = proof
        .get("created")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let outcome = match registry.status(&ente_id, &key, signed_at.as_deref()) {
        KeyStatus::Trusted => Outcome::Trusted,
        // Asked only of keys the registry does not trust: deriving the demo key costs
        // about as much as verifying.
        _ if super::demo_keys::is_demo_key(&ente_id, &key) => Outcome::DemoKey,
        KeyStatus::Unknown => Outcome::UnknownKey,
        KeyStatus::Mismatch(known) => Outcome::KeyMismatch(known),
        KeyStatus::Retired(retirement) => Outcome::RetiredKey(retirement),
    };
    VerifiedFile {
        outcome,
        submission: Some(submission),
        fingerprint: Some(fingerprint(&key)),
        public_key: Some(key),
        signed_at,
    }
}

/// A `.p7m` as the intake sees it, from its verification ([`super::cades::verify_p7m`],
/// done once) and the registry (asked again at each change, no cryptography redone): the
/// content read as a submission, and what the registry says of the signers for the ente it
/// names. Of several signers, the file counts if one of them is known for the ente; else
/// the first signer's standing is the file's.
pub fn verified_p7m(
    verdict: &Result<Rc<QualifiedSignature>, CadesError>,
    registry: &TrustRegistry,
) -> VerifiedFile {
    let signature = match verdict {
        Ok(signature) => signature,
        Err(e) => return VerifiedFile::failed(Outcome::QualifiedRefused(e.clone()), None),
    };
    let submission = match super::content::submission_of_content(&signature.content) {
        Ok(s) => s,
        Err(e) => return VerifiedFile::failed(Outcome::Unreadable(e), None),
    };
    let (id, nome) = (submission.ente.id(), submission.ente.display_name());
    let when = signature.signing_time.as_deref();
    let standings: Vec<SignerStanding> = std::iter::once(&signature.signer)
        .chain(&signature.other_signers)
        .map(|signer| registry.signer_standing(&id, &nome, signer, when))
        .collect();
    let standing = if standings.contains(&SignerStanding::Known) {
        SignerStanding::Known
    } else {
        standings[0].clone()
    };
    VerifiedFile {
        outcome: Outcome::Qualified(signature.clone(), standing),
        submission: Some(submission),
        public_key: None,
        fingerprint: None,
        signed_at: signature.signing_time.clone(),
    }
}

/// The submission as every signature of the app's covers it, with its own key or with a
/// firma digitale ([`super::content::scheda_to_sign`]): in the version the app writes,
/// whatever version the draft was read in, with its totals stated.
pub(crate) fn as_signed(submission: &Submission) -> Submission {
    submission.clone().in_current_format().with_stated_totals()
}

/// The signed file of a submission: its JSON with stated totals and an eddsa-jcs-2022 proof.
pub fn sign_submission(submission: &Submission, key: &SigningKey, created: &str) -> String {
    let value =
        serde_json::to_value(as_signed(submission)).expect("a submission always serialises");
    let Value::Object(document) = value else {
        unreachable!("a submission serialises to an object")
    };
    let signed = proof::sign_document(document, key, created);
    serde_json::to_string_pretty(&signed).expect("a JSON value always serialises")
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod english {
    use super::*;
    use crate::strict_json::JsonError;

    #[test]
    fn every_outcome_is_explained_in_english_too() {
        let outcomes = [
            Outcome::Trusted,
            Outcome::UnknownKey,
            Outcome::KeyMismatch(vec!["AAAA-BBBB".into()]),
            Outcome::DemoKey,
            Outcome::RetiredKey(Retirement {
                dal: "2026-12-01T10:00:00Z".into(),
                come: RetirementKind::Revocata,
                motivo: "PC rubato".into(),
            }),
            Outcome::RetiredKey(Retirement {
                dal: "2026-12-01T10:00:00Z".into(),
                come: RetirementKind::Sostituita,
                motivo: "PC nuovo".into(),
            }),
            Outcome::Invalid(ProofError::BadSignature),
            Outcome::Invalid(ProofError::UnsupportedCryptosuite("ecdsa-rdfc-2019".into())),
            Outcome::Unsigned,
            Outcome::Unreadable(ReadError::Json(JsonError::Empty)),
            Outcome::Unreadable(ReadError::Json(JsonError::DuplicateKey {
                key: "sap".into(),
                line: 3,
                column: 5,
            })),
            Outcome::Unreadable(ReadError::NotASubmission),
            Outcome::Unreadable(ReadError::UnsupportedVersion(99)),
            Outcome::Unreadable(ReadError::UnsupportedVersion(0)),
        ];
        for o in &outcomes {
            let Bilingual { it, en } = o.message();
            assert_ne!(it, en, "{o:?}");
            for italian in ["Firma", "la chiave", "illeggibile", "la scheda", "il file"] {
                assert!(!en.contains(italian), "{italian} in {en}");
            }
        }
        let en = |o: Outcome| o.message().en;
        assert!(en(Outcome::KeyMismatch(vec!["AAAA-BBBB".into()])).contains("AAAA-BBBB"));
        assert!(en(Outcome::Invalid(ProofError::BadSignature)).contains("changed after"));
        assert!(en(Outcome::Invalid(ProofError::UnsupportedCryptosuite(
            "x".into()
        )))
        .contains(CRYPTOSUITE));
        assert_eq!(
            en(Outcome::Unreadable(ReadError::Json(JsonError::Empty))),
            "Unreadable file: the file is empty."
        );
        assert!(
            en(Outcome::Unreadable(ReadError::UnsupportedVersion(99))).contains("update the app")
        );
        assert!(
            en(Outcome::Unreadable(ReadError::UnsupportedVersion(0))).contains("no longer reads")
        );
    }

    #[test]
    fn why_a_file_cannot_be_read_is_said_in_each_language() {
        let registry = TrustRegistry::default();
        let truncated = verify_file("{\"formato\": \"offerta-abitativa/scheda\",", &registry);
        // The clerk reads plain words; where the parser stopped is the technical detail.
        let Bilingual { it, en } = truncated.outcome.message();
        assert!(it.contains("forse è troncato"), "{it}");
        assert!(!it.contains("riga") && !it.contains("JSON"), "{it}");
        assert!(en.contains("truncated") && !en.contains("EOF"), "{en}");
        let Outcome::Unreadable(e) = &truncated.outcome else {
            panic!("a truncated file is unreadable")
        };
        let detail = e.message().technical.expect("the parser's account");
        assert!(
            detail.it.contains("riga 1") && !detail.it.contains("EOF"),
            "{detail}"
        );
        assert!(
            detail.en.contains("line 1") && detail.en.contains("EOF"),
            "{}",
            detail.en
        );

        let mut wrong_type: serde_json::Value =
            serde_json::to_value(&crate::demo::crema_2021()[0]).unwrap();
        wrong_type["consistenza"]["sap"] = "tanti".into();
        let file = verify_file(&wrong_type.to_string(), &registry);
        let Bilingual { it, en } = file.outcome.message();
        assert!(it.contains("testo dove serve un numero intero"), "{it}");
        assert!(
            en.contains("invalid type: string") && !en.contains("numero"),
            "{en}"
        );
    }
}
