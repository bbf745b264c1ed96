//! Accepting keys by the fingerprints the entes sent: the capofila pastes whatever it has
//! (a list, one per line, or a whole PEC message) and every file waiting for a key whose
//! fingerprint is in it gets its key accepted. Nothing is guessed: only well-formed
//! fingerprints are read ([`crate::signing::fingerprint_readings`]), and a file signed with
//! another key than the ente's registered one is never accepted this way, since that is a
//! replacement and needs its own explicit step ([`super::Intake::replace_key`]).

use crate::signing::{fingerprint_readings, Outcome, TrustRegistry, VerifiedFile};

/// What a paste of fingerprints did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FingerprintPaste {
    /// Keys accepted, one per ente and key, in the order of the files.
    pub accepted: Vec<PastedKey>,
    /// Files still waiting for a key: their fingerprint was not in the text.
    pub still_waiting: Vec<FileKey>,
    /// Files whose fingerprint was in the text but whose ente has another key registered:
    /// not accepted ("chiave diversa": replace the key, after checking with the ente).
    pub key_mismatch: Vec<FileKey>,
    /// Fingerprints of the text that are already registered (nothing to do).
    pub already_registered: Vec<String>,
    /// Fingerprints of the text that match no file waiting for a key (a typing mistake, or
    /// the file has not arrived yet).
    pub unmatched: Vec<String>,
}

/// A key accepted by a paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedKey {
    pub ente_id: String,
    pub ente: String,
    pub fingerprint: String,
}

/// A received file and the key that signed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileKey {
    pub name: String,
    pub ente_id: String,
    pub ente: String,
    pub fingerprint: String,
}

/// Accepts into `registry` the key of every file of `waiting` (files waiting for a key)
/// whose fingerprint is in `text`, at `when` with `note`; `mismatched` are the files signed
/// with another key than the ente's, reported, never accepted. Both are (name, verified
/// file). The page and the CLI reach this through [`super::Intake::accept_fingerprints`];
/// the CLI's `trust --fingerprints`, which has no ambito, calls it directly.
pub fn accept_fingerprints<'a>(
    registry: &mut TrustRegistry,
    text: &str,
    waiting: impl IntoIterator<Item = (&'a str, &'a VerifiedFile)>,
    mismatched: impl IntoIterator<Item = (&'a str, &'a VerifiedFile)>,
    when: &str,
    note: &str,
) -> FingerprintPaste {
    let places = fingerprint_readings(text);
    let pasted = |fp: &str| places.iter().flatten().any(|reading| reading == fp);
    let mut paste = FingerprintPaste::default();
    let mut matched: Vec<String> = Vec::new();
    for (name, verified) in waiting {
        let Some((file, key)) = file_key(name, verified) else {
            continue;
        };
        if !pasted(&file.fingerprint) {
            paste.still_waiting.push(file);
            continue;
        }
        matched.push(file.fingerprint.clone());
        if registry.accept(&file.ente_id, &file.ente, key, when, note) {
            paste.accepted.push(PastedKey {
                ente_id: file.ente_id,
                ente: file.ente,
                fingerprint: file.fingerprint,
            });
        }
    }
    for (name, verified) in mismatched {
        let Some((file, _)) = file_key(name, verified) else {
            continue;
        };
        if pasted(&file.fingerprint) {
            matched.push(file.fingerprint.clone());
            paste.key_mismatch.push(file);
        }
    }
    // A place read several ways (groups running on with spaces) is reported only if none
    // of its readings is known.
    for readings in &places {
        if readings.iter().any(|r| matched.contains(r)) {
            continue;
        }
        let registered: Vec<&String> = readings
            .iter()
            .filter(|r| {
                registry
                    .find_by_fingerprint(r)
                    .is_some_and(|f| f.key.is_active())
            })
            .collect();
        let (list, found) = if registered.is_empty() {
            (&mut paste.unmatched, readings.iter().collect())
        } else {
            (&mut paste.already_registered, registered)
        };
        for reading in found {
            if !list.contains(reading) {
                list.push(reading.clone());
            }
        }
    }
    paste
}

/// Whether a verified file is signed with another key than the ente's registered one.
pub(super) fn is_key_mismatch(verified: &VerifiedFile) -> bool {
    matches!(verified.outcome, Outcome::KeyMismatch(_))
}

fn file_key<'a>(name: &str, verified: &'a VerifiedFile) -> Option<(FileKey, &'a str)> {
    let submission = verified.submission.as_ref()?;
    let key = verified.public_key.as_deref()?;
    Some((
        FileKey {
            name: name.to_owned(),
            ente_id: submission.ente.id(),
            ente: submission.ente.display_name(),
            fingerprint: verified.fingerprint.clone()?,
        },
        key,
    ))
}
