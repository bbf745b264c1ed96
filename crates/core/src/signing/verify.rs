//! What a received file is: verified, checked against the trust registry, explained in Italian.

use ed25519_dalek::SigningKey;
use serde_json::Value;

use super::fingerprint;
use super::proof::{self, ProofError};
use super::trust::{KeyStatus, TrustRegistry};
use crate::reader::{self, ReadError};
use crate::submission::Submission;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Valid signature by a key the capofila registered for this ente.
    Trusted,
    /// Valid signature, but no key is registered for this ente yet.
    UnknownKey,
    /// Valid signature, but the ente has other registered keys (their fingerprints).
    KeyMismatch(Vec<String>),
    /// The signature does not hold: altered after signing, or not a proof we accept.
    Invalid(ProofError),
    /// A readable submission without signature: a draft.
    Unsigned,
    /// Not a readable submission at all.
    Unreadable(ReadError),
}

impl Outcome {
    /// Short stable code, for the CLI and for tests.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Trusted => "valida",
            Outcome::UnknownKey => "chiave-sconosciuta",
            Outcome::KeyMismatch(_) => "chiave-diversa",
            Outcome::Invalid(_) => "firma-non-valida",
            Outcome::Unsigned => "non-firmata",
            Outcome::Unreadable(_) => "illeggibile",
        }
    }

    /// The signature itself holds (whoever signed).
    pub fn signature_valid(&self) -> bool {
        matches!(
            self,
            Outcome::Trusted | Outcome::UnknownKey | Outcome::KeyMismatch(_)
        )
    }

    /// The Italian explanation shown next to the file, saying what to do.
    pub fn message_it(&self) -> String {
        match self {
            Outcome::Trusted => "Firma valida, chiave registrata per questo ente.".into(),
            Outcome::UnknownKey => "Firma valida, ma la chiave non è ancora registrata per questo ente: confrontare l'impronta con quella comunicata dall'ente via PEC e, se coincide, accettarla.".into(),
            Outcome::KeyMismatch(known) => format!(
                "Firma valida, ma l'ente ha registrato un'altra chiave (impronta {}): il file potrebbe non venire dall'ente. Verificare con l'ente prima di accettare la nuova chiave.",
                known.join(", ")
            ),
            Outcome::Invalid(ProofError::BadSignature) => "Firma NON valida: il file è stato modificato dopo la firma. Chiedere all'ente di inviarlo di nuovo.".into(),
            Outcome::Invalid(e) => format!("Firma NON valida: {e}. Chiedere all'ente di inviare di nuovo il file."),
            Outcome::Unsigned => "File non firmato (bozza): chiedere all'ente il file firmato.".into(),
            Outcome::Unreadable(e) => format!("File illeggibile: {e}."),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedFile {
    pub outcome: Outcome,
    /// The submission, whenever the file could be read (also unsigned or badly signed).
    pub submission: Option<Submission>,
    /// The signing key (multibase) and its fingerprint, when the signature holds.
    pub public_key: Option<String>,
    pub fingerprint: Option<String>,
    /// `created` of the proof, when the signature holds: the newest signed file counts.
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
    let outcome = match registry.status(&submission.ente.id(), &key) {
        KeyStatus::Trusted => Outcome::Trusted,
        KeyStatus::Unknown => Outcome::UnknownKey,
        KeyStatus::Mismatch(known) => Outcome::KeyMismatch(known),
    };
    VerifiedFile {
        outcome,
        submission: Some(submission),
        fingerprint: Some(fingerprint(&key)),
        public_key: Some(key),
        signed_at: proof
            .get("created")
            .and_then(Value::as_str)
            .map(str::to_owned),
    }
}

/// The signed file of a submission: its JSON with stated totals and an eddsa-jcs-2022 proof.
pub fn sign_submission(submission: &Submission, key: &SigningKey, created: &str) -> String {
    let value = serde_json::to_value(submission.clone().with_stated_totals())
        .expect("a submission always serialises");
    let Value::Object(document) = value else {
        unreachable!("a submission serialises to an object")
    };
    let signed = proof::sign_document(document, key, created);
    serde_json::to_string_pretty(&signed).expect("a JSON value always serialises")
}

#[cfg(test)]
mod tests;
